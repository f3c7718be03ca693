package dev.anneal.train.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanPageTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";

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

    private static String samplePlan() throws IOException {
        try (InputStream in = PlanPageTest.class.getResourceAsStream("sample-plan.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
