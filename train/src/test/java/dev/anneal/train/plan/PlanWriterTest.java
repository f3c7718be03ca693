package dev.anneal.train.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.core.io.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four files of a real plan, and its page in headless Chromium. */
class PlanWriterTest {

    private static final Path SCREENSHOT = Path.of("target", "plan-orders-screenshot.png");

    @TempDir
    Path folder;

    private Plan plan() {
        List<String> columns = List.of("order_id", "customer", "contact_email", "signup", "amount", "visits",
                "refund_flag", "churned");
        return Planner.plan(PlannerTest.profile(columns, PlannerTest.orders(2_000), "churned"),
                new PlanRequest("orders", "orders.csv", "churned", null, null, null, null, 42));
    }

    @Test
    void writesTheFourFilesWithTheChecksInTheProfile() throws Exception {
        PlanWriter.write(plan(), folder);
        for (String file : PlanWriter.FILES) {
            String text = Files.readString(folder.resolve(file));
            assertFalse(text.contains("@mail.example.com"), file + " holds an e-mail address");
        }
        JsonNode profile = Json.mapper().readTree(folder.resolve("profile.json").toFile());
        assertEquals(2_000, profile.get("rows").asLong());
        assertTrue(profile.get("checks").findValuesAsText("rule").contains("range"), profile.get("checks").toString());
        assertTrue(Files.readString(folder.resolve("config.yaml")).startsWith("# Proposed by `anneal plan`"));
    }

    @Test
    void thePlanPageOpensInChromiumWithoutErrors() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.BINARY + " is not installed");
        PlanWriter.write(plan(), folder);
        Path page = folder.resolve("plan.html");

        HeadlessChromium.Result dom = HeadlessChromium.open(page, folder, "--dump-dom");
        assertEquals(0, dom.exitCode(), dom.stderr());
        assertEquals(List.of(), dom.uncaughtErrors());
        assertTrue(dom.stdout().contains("data-rendered=\"true\""), dom.stderr());
        assertTrue(dom.stdout().contains("7. Privacy"), "the page lacks the privacy section");

        Path png = folder.resolve("plan.png");
        HeadlessChromium.Result shot = HeadlessChromium.open(page, folder, "--screenshot=" + png,
                "--window-size=1280,1600", "--hide-scrollbars");
        assertEquals(0, shot.exitCode(), shot.stderr());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    }
}
