package dev.anneal.train.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanPageTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";
    /** Where the screenshot is kept after the build, for a person to look at. */
    private static final Path SCREENSHOT = Path.of("target", "plan-screenshot.png");

    @TempDir
    Path temp;

    @Test
    void markupInAHeadingIsShownAsText() {
        String page = PlanPage.render("plan", "# Plan\n\n## Column " + SCRIPT + "\n\ntext\n");

        assertTrue(page.matches("(?s).*<h2 id=\"[^\"]+\">Column " + Pattern.quote(ESCAPED_SCRIPT) + "</h2>.*"), page);
        assertTrue(page.contains(">Column " + ESCAPED_SCRIPT + "</a>"), "the table of contents escapes it too");
        assertFalse(page.contains(SCRIPT), page);
    }

    @Test
    void markupInATableCellIsShownAsText() {
        String page = PlanPage.render("plan", "| column | type |\n|---|---|\n| " + SCRIPT + " | text |\n");

        assertTrue(page.contains("<td>" + ESCAPED_SCRIPT + "</td>"), page);
        assertFalse(page.contains(SCRIPT), page);
    }

    @Test
    void inlineMarkupAndMarkupBlocksAreShownAsText() {
        String page = PlanPage.render("plan", "The column " + SCRIPT + " has <img src=x onerror=alert(2)> in it.\n\n"
                + "<script>alert(3)</script>\n\n<div onclick=\"alert(4)\">block</div>\n");

        assertTrue(page.contains("The column " + ESCAPED_SCRIPT + " has &lt;img src=x onerror=alert(2)&gt; in it."), page);
        assertTrue(page.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), page);
        assertTrue(page.contains("&lt;div onclick=&quot;alert(4)&quot;&gt;block&lt;/div&gt;"), page);
        assertFalse(page.contains("<img"), page);
        assertFalse(page.contains("<div"), page);
        assertEquals(1L, count(page, "<script"), "only the page's own script: " + page);
    }

    @Test
    void linksCannotRunScript() {
        String page = PlanPage.render("plan", "[click](javascript:alert(1)) and [docs](https://example.org/x)\n");

        assertFalse(page.contains("javascript:"), page);
        assertTrue(page.contains("<a rel=\"nofollow\" href=\"https://example.org/x\">docs</a>"), page);
    }

    @Test
    void theTitleIsEscaped() {
        String page = PlanPage.render("churn <b>&</b> co", "text\n");

        assertTrue(page.contains("<title>churn &lt;b&gt;&amp;&lt;/b&gt; co</title>"), page);
    }

    @Test
    void pipeTablesBecomeTablesWithTheirAlignment() {
        String page = PlanPage.render("plan", "| candidate | auc |\n|---|---:|\n| xgb | 0.94 |\n| mlp | 0.90 |\n");

        assertTrue(page.contains("<table>\n<thead>\n<tr>\n<th>candidate</th>\n<th align=\"right\">auc</th>"), page);
        assertTrue(page.contains("<tbody>\n<tr>\n<td>xgb</td>\n<td align=\"right\">0.94</td>"), page);
    }

    @Test
    void codeSpansBoldAndListsAreRendered() {
        String page = PlanPage.render("plan", "Run **`anneal train`** now:\n\n- one\n- two\n");

        assertTrue(page.contains("<strong><code>anneal train</code></strong>"), page);
        assertTrue(page.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), page);
    }

    @Test
    void theTableOfContentsLinksToEverySectionById() throws IOException {
        String page = PlanPage.render("plan", samplePlan() + "\n## Data\n\nA second section of the same name.\n");

        String toc = between(page, "<nav class=\"toc\"", "</nav>");
        List<String> links = all(Pattern.compile("<a href=\"#([^\"]+)\">"), toc);
        List<String> sectionIds = all(Pattern.compile("<h2 id=\"([^\"]+)\">"), page.substring(page.indexOf("</nav>")));
        assertEquals(List.of("data", "columns", "data-quality", "candidates", "next-steps", "data-1"), sectionIds);
        assertEquals(sectionIds, links);
        assertTrue(page.contains("<h1 id=\"plan-churn-demo\">Plan: churn-demo</h1>"), page);
    }

    @Test
    void theTableOfContentsFollowsTheTitle() throws IOException {
        String page = PlanPage.render("plan", samplePlan());

        int title = page.indexOf("<h1");
        int toc = page.indexOf("<nav class=\"toc\"");
        int firstParagraph = page.indexOf("<p>anneal read");
        assertTrue(page.indexOf("<main>") < title && title < toc && toc < firstParagraph, page);
    }

    @Test
    void aPlanWithoutSectionsHasNoTableOfContents() {
        assertFalse(PlanPage.render("plan", "# Plan\n\nNothing to do.\n\n### A detail\n").contains("<nav"));
    }

    @Test
    void thePageIsOneSelfContainedDocument() throws IOException {
        String page = PlanPage.render("plan", samplePlan());

        assertTrue(page.startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"), page);
        assertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "), page);
        assertTrue(page.endsWith("</body>\n</html>\n"), page);
        assertFalse(page.contains("<link"), page);
        assertFalse(page.contains(" src="), page);
        assertEquals(PlanPage.render("plan", samplePlan()), page, "the same plan gives the same page");
    }

    @Test
    void writeReplacesThePage() throws IOException {
        Path file = temp.resolve("plans/plan.html");
        PlanPage.write(file, "old", "old plan\n");
        PlanPage.write(file, "plan", "# Plan\n");

        assertEquals(PlanPage.render("plan", "# Plan\n"), Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void writeNamesTheFileItCannotWrite() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("plans"), "a file");
        Path file = notAFolder.resolve("plan.html");

        AnnealException e = assertThrows(AnnealException.class, () -> PlanPage.write(file, "plan", "# Plan\n"));
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": "), e.getMessage());
    }

    @Test
    void chromiumOpensThePageAndItsScriptRuns() throws Exception {
        assumeChromium();
        Path page = temp.resolve("plan.html");
        PlanPage.write(page, "Plan: churn-demo", samplePlan());

        HeadlessChromium.Result result = HeadlessChromium.open(page, temp, "--dump-dom");

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("data-rendered=\"true\""), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("&lt;script&gt;document.title = \"pwned\"&lt;/script&gt;"), result.stdout());
        assertTrue(result.stdout().contains("<title>Plan: churn-demo</title>"), result.stdout());
        assertEquals(List.of(), result.uncaughtErrors());
        assertEquals(List.of(), result.stderr().lines().filter(line -> line.contains("Content Security Policy")).toList(),
                "the page's policy allows its own style and script");
    }

    @Test
    void chromiumSortsATableNumericallyWhenItsHeaderIsClicked() throws Exception {
        assumeChromium();
        String markdown = "# Sorting\n\n| name | value |\n|---|---:|\n"
                + Stream.of("1,800", "run 10", "12000", "", "-3", "n/a", "950", "2.5e3", "12%", "run 9")
                        .map(value -> "| row " + value + " | " + value + " |\n").collect(Collectors.joining());
        // Clicks the "value" header twice, recording the column after each click. The page's policy would
        // stop this probe, as it stops every script but the page's own, so the probe's copy goes without it.
        String probe = "<script>\n"
                + "const table = document.querySelector('main table');\n"
                + "const header = table.tHead.rows[0].cells[1];\n"
                + "const values = () => Array.from(table.tBodies[0].rows, (row) => row.cells[1].textContent).join('|');\n"
                + "header.click();\n"
                + "document.body.dataset.ascending = values();\n"
                + "header.click();\n"
                + "document.body.dataset.descending = values();\n"
                + "</script>\n</body>";
        String page = PlanPage.render("plan", markdown)
                .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", probe);
        Path file = Files.writeString(temp.resolve("probe.html"), page);

        HeadlessChromium.Result result = HeadlessChromium.open(file, temp, "--dump-dom");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(List.of(), result.uncaughtErrors());
        assertEquals("-3|12%|950|1,800|2.5e3|12000|n/a|run 9|run 10|", attribute(result.stdout(), "data-ascending"),
                "numbers by value, then words in natural order, then blanks");
        assertEquals("12000|2.5e3|1,800|950|12%|-3|run 10|run 9|n/a|", attribute(result.stdout(), "data-descending"),
                "the other way round, but numbers still before words and blanks still last");
        assertTrue(result.stdout().contains("aria-sort=\"descending\">value</th>"), result.stdout());
    }

    @Test
    void chromiumTakesAScreenshotOfThePage() throws Exception {
        assumeChromium();
        Path page = temp.resolve("plan.html");
        PlanPage.write(page, "Plan: churn-demo", samplePlan());
        Path png = temp.resolve("plan.png");

        HeadlessChromium.Result result = HeadlessChromium.open(page, temp,
                "--screenshot=" + png, "--window-size=1280,1600", "--hide-scrollbars");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(List.of(), result.uncaughtErrors());
        assertTrue(Files.isRegularFile(png), "no screenshot; stderr:\n" + result.stderr());
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not an image ImageIO can read");
        assertEquals(1280, image.getWidth());
        assertEquals(1600, image.getHeight());
        // Text, borders and shaded rows: well over 2% of the pixels differ from the page's background.
        assertTrue(inkedShare(image) > 0.02, "a blank page: " + inkedShare(image));
    }

    private static void assumeChromium() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.BINARY + " is not installed");
    }

    private static String samplePlan() throws IOException {
        try (InputStream in = PlanPageTest.class.getResourceAsStream("sample-plan.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The share of the image's pixels that are not the colour of its top-left corner. */
    private static double inkedShare(BufferedImage image) {
        int background = image.getRGB(0, 0);
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != background) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    private static String attribute(String html, String name) {
        Matcher matcher = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(html);
        assertTrue(matcher.find(), "no " + name + " in\n" + html);
        return matcher.group(1);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in\n" + text);
        return text.substring(from, text.indexOf(end, from));
    }

    private static List<String> all(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(m -> m.group(1)).toList();
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
