package dev.anneal.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated rows with text columns for the integration tests: the label is whether a text holds a good
 * word, and the note column has the hard cases (empty and missing texts, emoji, HTML, a 10,000-character
 * row).
 */
final class TextRows {

    /** The checked-in tiny pretrained TorchScript encoder and its tokenizer. */
    static final Path TINY_ENCODER = Cli.REPO.resolve("train/src/test/resources/pretrained/tiny-encoder");

    private static final String[] GOOD = {"great", "love", "delicious", "perfect"};
    private static final String[] BAD = {"awful", "stale", "broken", "refund"};
    private static final String[] FILLER = {"the", "coffee", "tea", "box", "arrived", "taste", "price", "bag"};

    private TextRows() {
    }

    /**
     * 600 rows of {@code note,title,summary,amount,liked} into {@code file}: the title and summary are noise
     * with the same signal as the note; rows 0 and 1 of every 50 have an empty and a missing note.
     */
    static Path write(Path file) {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>(List.of("note,title,summary,amount,liked"));
        for (int row = 0; row < 600; row++) {
            boolean liked = random.nextBoolean();
            String note = switch (row % 50) {
                case 0 -> "";
                case 1 -> "\"\"";
                case 2 -> "\"😀👍🏽 " + (liked ? "love" : "refund") + " 🙂\"";
                case 3 -> "\"" + "x".repeat(10_000) + " " + (liked ? "great" : "awful") + "\"";
                case 4 -> "\"<b>" + (liked ? "perfect" : "stale") + "</b><br /><br />box\"";
                default -> sentence(random, liked);
            };
            String title = row % 7 == 0 ? "" : sentence(random, liked);
            lines.add(note + "," + title + "," + sentence(random, liked) + "," + random.nextInt(100) + ","
                    + (liked ? "yes" : "no"));
        }
        return TestData.write(file, lines);
    }

    private static String sentence(Random random, boolean liked) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4 + random.nextInt(12); i++) {
            text.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
        }
        String[] words = liked ? GOOD : BAD;
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(3) == 0 ? "!" : ".");
        return text.toString();
    }
}
