package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.config.ConfigLoader;
import dev.anneal.core.config.ProjectConfig;
import dev.anneal.core.io.Json;
import dev.anneal.train.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anneal plan} end to end: a generated file with planted problems, its four files, then training its config. */
class PlanCommandTest {

    @TempDir
    Path folder;

    /** 900 rows: a row id, an e-mail per row, a leaky copy of the label, two real features, 20 duplicated rows. */
    private Path plantedCsv() {
        Random random = new Random(11);
        List<String> lines = new ArrayList<>(List.of("ticket,email,x,colour,resolution,escalated"));
        List<String> rows = new ArrayList<>();
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 880; i++) {
            double x = random.nextGaussian();
            String colour = colours[random.nextInt(3)];
            boolean escalated = x + (colour.equals("red") ? 0.8 : 0) + random.nextGaussian() > 0.5;
            rows.add(String.format(Locale.ROOT, "T-%05d,user%d@corp.example,%.4f,%s,%s,%s", 10_000 + i, i, x, colour,
                    escalated ? "manager" : "bot", escalated ? "yes" : "no"));
        }
        rows.addAll(rows.subList(0, 20));
        lines.addAll(rows);
        return TestData.write(folder.resolve("tickets.csv"), lines);
    }

    @Test
    void plansAFileAndTrainsItsConfigUnchanged() throws IOException {
        Path data = plantedCsv();
        Path plan = folder.resolve("plan");
        Cli.Result planned = Cli.run("plan", "--data", data, "--target", "escalated", "--out", plan, "--no-progress");
        assertEquals(0, planned.exitCode(), planned.toString());
        assertTrue(planned.out().contains("error: resolution:"), planned.out());
        for (String file : List.of("profile.json", "PLAN.md", "plan.html", "config.yaml")) {
            String text = Files.readString(plan.resolve(file));
            assertFalse(text.contains("@corp.example"), "an e-mail address is in " + file);
        }
        String markdown = Files.readString(plan.resolve("PLAN.md"));
        assertTrue(markdown.contains("## 7. Privacy"), markdown);
        assertTrue(markdown.contains("20 rows repeat an earlier row exactly"), markdown);
        JsonNode profile = Json.mapper().readTree(plan.resolve("profile.json").toFile());
        assertEquals(900, profile.get("rows").asLong());
        assertTrue(profile.get("checks").size() > 0);

        ProjectConfig config = new ConfigLoader(ModelRegistry.load()).load(plan.resolve("config.yaml"), OptionalLong.empty());
        assertEquals("ignore", config.column("resolution").type().configName());
        assertEquals("id", config.column("ticket").type().configName());
        assertEquals("drop", config.column("email").privacy().configName());
        assertTrue(config.data().deduplicate());

        Cli.Result trained = Cli.train(plan.resolve("config.yaml"), folder.resolve("run"));
        assertEquals(0, trained.exitCode(), trained.toString());
        JsonNode provenance = Json.mapper().readTree(folder.resolve("run").resolve("provenance.json").toFile());
        assertEquals(20, provenance.path("data").path("duplicates_removed").asLong(), provenance.toString());
        JsonNode checks = Json.mapper().readTree(folder.resolve("run").resolve("checks.json").toFile());
        assertTrue(checks.toString().contains("\"passed\":true") && !checks.toString().contains("\"passed\":false"),
                "the planned file fails its own checks: " + checks);
    }

    @Test
    void newFilesAreValidatedAgainstThePlansProfile() {
        Path plan = folder.resolve("plan");
        Cli.Result planned = Cli.run("plan", "--data", plantedCsv(), "--target", "escalated", "--out", plan,
                "--no-progress");
        assertEquals(0, planned.exitCode(), planned.toString());
        Path unusual = TestData.write(folder.resolve("unusual.csv"), List.of("ticket,email,x,colour,resolution,escalated",
                "T-1,a@b.example,0.5,purple,bot,no", "T-2,c@d.example,99.0,red,bot,yes"));
        Cli.Result warned = Cli.run("validate", "--data", unusual, "--against", plan.resolve("profile.json"),
                "--no-progress");
        assertEquals(0, warned.exitCode(), warned.toString());
        assertTrue(warned.out().contains("colour") && warned.out().contains("purple"), warned.toString());
        assertTrue(warned.out().contains("x:") && warned.out().contains("99"), warned.toString());
        assertFalse(warned.toString().contains("a@b.example"), "a dropped personal-data column was printed");
        Path withoutX = TestData.write(folder.resolve("without-x.csv"), List.of("ticket,email,colour,resolution,escalated",
                "T-1,a@b.example,red,bot,no"));
        Cli.Result failed = Cli.run("validate", "--data", withoutX, "--against", plan.resolve("profile.json"),
                "--no-progress");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.toString().contains("error: x: no column 'x'"), failed.toString());
    }

    @Test
    void plansAJsonlFileLikeItsCsv() throws IOException {
        Path csv = plantedCsv();
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        List<String> objects = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            StringBuilder object = new StringBuilder("{");
            for (int i = 0; i < header.length; i++) {
                boolean number = header[i].equals("x");
                object.append(i == 0 ? "" : ",").append('"').append(header[i]).append("\":")
                        .append(number ? fields[i] : '"' + fields[i] + '"');
            }
            objects.add(object.append('}').toString());
        }
        Path jsonl = TestData.write(folder.resolve("tickets.jsonl"), objects);
        Cli.Result fromCsv = Cli.run("plan", "--data", csv, "--target", "escalated", "--out", folder.resolve("a"),
                "--no-progress");
        Cli.Result fromJsonl = Cli.run("plan", "--data", jsonl, "--target", "escalated", "--out", folder.resolve("b"),
                "--no-progress");
        assertEquals(0, fromJsonl.exitCode(), fromJsonl.toString());
        assertEquals(fromCsv.out().lines().findFirst(), fromJsonl.out().lines().findFirst());
        JsonNode profile = Json.mapper().readTree(folder.resolve("b").resolve("profile.json").toFile());
        assertEquals(900, profile.get("rows").asLong());
        assertEquals("numeric", profile.get("columns").get(2).get("type").asText());
    }

    @Test
    void badRequestsAreOneLineErrors() {
        Path data = plantedCsv();
        Cli.Result noTarget = Cli.run("plan", "--data", data, "--target", "nope", "--out", folder.resolve("p"),
                "--no-progress");
        assertEquals(AnnealCommand.USAGE, noTarget.exitCode(), noTarget.toString());
        assertEquals(1, noTarget.errLines().size(), noTarget.toString());
        assertTrue(noTarget.err().contains("nope"), noTarget.err());
        Cli.Result badSplit = Cli.run("plan", "--data", data, "--target", "escalated", "--split", "sideways",
                "--out", folder.resolve("p"), "--no-progress");
        assertEquals(AnnealCommand.USAGE, badSplit.exitCode(), badSplit.toString());
        assertTrue(badSplit.err().contains("--split: expected random, stratified, time or group"), badSplit.err());
        Cli.Result tinySample = Cli.run("plan", "--data", data, "--target", "escalated", "--sample-rows", "5",
                "--out", folder.resolve("p"), "--no-progress");
        assertEquals(AnnealCommand.USAGE, tinySample.exitCode(), tinySample.toString());
        assertTrue(tinySample.err().contains("--sample-rows: expected at least 100, got 5"), tinySample.err());
        Cli.Result missing = Cli.run("plan", "--data", folder.resolve("absent.csv"), "--target", "y", "--no-progress");
        assertEquals(AnnealCommand.USAGE, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("absent.csv: file not found"), missing.err());
    }
}
