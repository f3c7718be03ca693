package dev.anneal.cli;

import picocli.CommandLine;

/** The entry point of the {@code anneal} command; the only place that calls {@link System#exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AnnealCommand.commandLine().execute(args));
    }
}
