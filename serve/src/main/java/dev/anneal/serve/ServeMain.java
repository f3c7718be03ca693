package dev.anneal.serve;

import dev.anneal.core.AnnealException;
import picocli.CommandLine;

/**
 * The entry point of the light {@code anneal-serve} jar, which holds only the server: {@code java -jar
 * anneal-serve.jar --models DIR}. A user error prints one line and exits with code 2.
 */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) {
        CommandLine line = new CommandLine(new ServeCommand());
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("error: " + (e instanceof AnnealException ? e.getMessage() : e.toString()));
            command.getErr().flush();
            return e instanceof AnnealException ? 2 : 1;
        });
        System.exit(line.execute(args));
    }
}
