package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Integration tier: the help and version texts of the real command. */
class HelpAndVersionTest {

    @Test
    void helpListsTheTrainCommand() {
        Cli.Result result = Cli.run("--help");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: anneal"), result::toString);
        assertTrue(result.out().contains("train"), result::toString);
        assertEquals("", result.err());
    }

    @Test
    void trainHelpPointsToTheConfigReferenceAndTheDefaultConfig() {
        Cli.Result result = Cli.run("train", "--help");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: anneal train"), result::toString);
        assertTrue(result.out().contains("docs/config.md"), result::toString);
        String text = result.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("Default: the shipped demo, configs/demo.yaml"), result::toString);
        for (String option : new String[] {"--out", "--seed", "--verbose", "--no-progress"}) {
            assertTrue(result.out().contains(option), () -> option + " missing from " + result);
        }
    }

    @Test
    void helpSubcommandShowsTrainHelp() {
        Cli.Result result = Cli.run("help", "train");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("docs/config.md"), result::toString);
    }

    @Test
    void versionPrintsAnnealsVersionAndTheJvm() {
        Cli.Result result = Cli.run("--version");
        assertEquals(0, result.exitCode(), result::toString);
        String first = result.out().lines().findFirst().orElse("");
        assertTrue(first.matches("anneal \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "version line: " + first);
        assertTrue(result.out().contains(System.getProperty("java.version")), result::toString);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result result = Cli.run("train", "--frobnicate");
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("--frobnicate"), result::toString);
    }

    @Test
    void aMisspeltCommandIsAUsageError() {
        Cli.Result result = Cli.run("trian");
        assertEquals(AnnealCommand.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("trian"), result::toString);
    }
}
