package dev.anneal.cli;

import dev.anneal.core.AnnealVersion;
import picocli.CommandLine;

/** {@code anneal --version}: anneal's version and the JVM it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "anneal " + AnnealVersion.get(),
            "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
