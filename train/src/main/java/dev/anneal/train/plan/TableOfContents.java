package dev.anneal.train.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * The page's table of contents: a link to each section, that is each top-level {@code ##} heading, in
 * document order. Deeper headings stay out of it, so that it can be read at a glance.
 */
final class TableOfContents {

    private static final int SECTION_LEVEL = 2;

    private TableOfContents() {
    }

    /** The {@code <nav>} element for {@code document}'s sections, or "" when it has none. */
    static String html(Node document, HeadingIds ids) {
        List<Heading> sections = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading && heading.getLevel() == SECTION_LEVEL) {
                sections.add(heading);
            }
        }
        if (sections.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        HtmlWriter out = new HtmlWriter(html);
        out.raw("<nav class=\"toc\" aria-label=\"Contents\"><p class=\"toc-title\">Contents</p>");
        out.line();
        out.tag("ol");
        out.line();
        for (Heading section : sections) {
            out.tag("li");
            out.tag("a", Map.of("href", "#" + ids.id(section)));
            out.text(HeadingIds.text(section));
            out.tag("/a");
            out.tag("/li");
            out.line();
        }
        out.tag("/ol");
        out.line();
        out.raw("</nav>");
        out.line();
        return html.toString();
    }
}
