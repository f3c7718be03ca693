package dev.anneal.train.plan;

import java.util.IdentityHashMap;
import java.util.Map;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.renderer.html.AttributeProvider;

/**
 * The {@code id} of every heading of one parsed Markdown document, GitHub-style: "Data splits" becomes
 * {@code data-splits} and a second "Data splits" {@code data-splits-1}.
 *
 * <p>The ids are assigned once, in document order, before rendering, so that the headings (through this
 * {@link AttributeProvider}) and the table of contents link to the same ids; they depend only on the
 * headings' text and order, so the same plan always gives the same links.
 */
final class HeadingIds implements AttributeProvider {

    private final Map<Heading, String> ids = new IdentityHashMap<>();

    private HeadingIds() {
    }

    /** The ids of every heading in {@code document}, at any depth. */
    static HeadingIds of(Node document) {
        HeadingIds headingIds = new HeadingIds();
        IdGenerator generator = IdGenerator.builder().defaultId("section").build();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headingIds.ids.put(heading, generator.generateId(text(heading)));
            }
        });
        return headingIds;
    }

    /** The id of {@code heading}, which must belong to the document these ids were made for. */
    String id(Heading heading) {
        String id = ids.get(heading);
        if (id == null) {
            throw new IllegalArgumentException("a heading of another document: " + text(heading));
        }
        return id;
    }

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
        if (node instanceof Heading heading) {
            attributes.put("id", id(heading));
        }
    }

    /**
     * The heading as plain text: its words, code spans and any markup in it (which the page shows as
     * text), without the Markdown around them.
     */
    static String text(Heading heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(HtmlInline node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak node) {
                text.append(' ');
            }

            @Override
            public void visit(HardLineBreak node) {
                text.append(' ');
            }
        });
        return text.toString().strip();
    }
}
