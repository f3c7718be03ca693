package dev.anneal.train.plan;

import dev.anneal.core.AnnealException;
import dev.anneal.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * The project plan as one self-contained web page, {@code plan.html}: the plan's Markdown rendered as
 * CommonMark with GitHub pipe tables, a table of contents of its {@code ##} sections, and tables that sort
 * when their header is clicked.
 *
 * <p>The page needs nothing but itself: its style and script are inline, and its Content-Security-Policy
 * allows those two and nothing else, so it opens the same from a file, an e-mail or a CI artifact, and
 * never touches the network. The plan's text comes from data (a column may be named {@code <script>}), so
 * any HTML in the Markdown is shown as text, links may not run script ({@code javascript:}), and even
 * markup that slipped through could not run a script the policy does not name.
 *
 * <p>When its script has run, the page marks itself {@code <html data-rendered="true">}; a browser test
 * reads that to prove the script ran without error. Thread-safe.
 */
public final class PlanPage {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final InlineAsset STYLE = InlineAsset.load("plan.css");
    private static final InlineAsset SCRIPT = InlineAsset.load("plan.js");
    private static final String POLICY = "default-src 'none'; img-src data:; style-src " + STYLE.cspSource()
            + "; script-src " + SCRIPT.cspSource();

    private PlanPage() {
    }

    /** The complete HTML5 document for the plan {@code markdown}, whose window title is {@code title}. */
    public static String render(String title, String markdown) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        Node document = PARSER.parse(markdown);
        HeadingIds ids = HeadingIds.of(document);
        StringBuilder html = new StringBuilder();
        HtmlWriter out = new HtmlWriter(html);
        out.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"" + POLICY + "\">\n");
        out.tag("title");
        out.text(title);
        out.tag("/title");
        out.raw("\n<style>" + STYLE.content() + "</style>\n</head>\n<body>\n<main>\n");
        out.raw(body(document, ids));
        out.raw("</main>\n<script>" + SCRIPT.content() + "</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Writes {@link #render the page} to {@code file} atomically: a reader sees the old page or the new one,
     * never half of one.
     *
     * @throws AnnealException when the file cannot be written, naming it and why
     */
    public static void write(Path file, String title, String markdown) {
        String page = render(title, markdown);
        try {
            AtomicFiles.writeString(file, page);
        } catch (UncheckedIOException e) {
            throw new AnnealException("cannot write " + file + ": " + describe(e.getCause()), e);
        }
    }

    /** The document's blocks, with the table of contents after its leading {@code #} title, if it has one. */
    private static String body(Node document, HeadingIds ids) {
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .attributeProviderFactory(context -> ids)
                .build();
        StringBuilder body = new StringBuilder();
        Node node = document.getFirstChild();
        if (node instanceof Heading heading && heading.getLevel() == 1) {
            body.append(renderer.render(heading));
            node = node.getNext();
        }
        body.append(TableOfContents.html(document, ids));
        for (; node != null; node = node.getNext()) {
            body.append(renderer.render(node));
        }
        return body.toString();
    }

    private static String describe(IOException e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof FileSystemException fileError && fileError.getReason() == null) {
            // its message is only the path, as in "/plans/x: FileAlreadyExistsException"
            return what + ": " + e.getClass().getSimpleName();
        }
        return what;
    }
}
