package dev.anneal.train.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.anneal.core.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * scripts/bench-text's tokenizer half: rows/s of anneal's tokenizer and of Hugging Face's (through DJL's
 * batchEncode) on the demo's 5,000 reviews, both from the same saved tokenizer.json, after checking that
 * the file read alone gives exactly the ids of the fitted tokenizer. Not a test: run with its main.
 */
public final class TokenizerBench {

    private TokenizerBench() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String[] texts = TextSamples.reviews();
        Tokenizer fitted = Tokenizer.fitWords(texts, 20_000, 2, 256);
        Path file = Files.createTempFile("tokenizer", ".json");
        fitted.write(file);
        Tokenizer reread = Tokenizer.read(file);
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(file)) {
            Encoding[] encodings = reference.batchEncode(texts);
            for (int i = 0; i < texts.length; i++) {
                int[] ours = fitted.encode(texts[i]);
                // batchEncode pads each batch to its longest row: compare the positions the mask marks real.
                long real = Arrays.stream(encodings[i].getAttentionMask()).sum();
                int[] theirs = Arrays.stream(encodings[i].getIds()).limit(real).mapToInt(Math::toIntExact).toArray();
                if (!Arrays.equals(ours, reread.encode(texts[i])) || !Arrays.equals(ours, theirs)) {
                    throw new AssertionError("row " + i + ": ids differ");
                }
            }
            System.out.println("round trip: the saved tokenizer.json alone gives the fitted ids on all "
                    + texts.length + " rows, and Hugging Face's library the same");
            double ours = best(passes, texts, () -> {
                for (String text : texts) {
                    reread.encode(text);
                }
            });
            double theirs = best(passes, texts, () -> reference.batchEncode(texts));
            System.out.printf(Locale.ROOT, "anneal tokenizer (Java)            %,10.0f rows/s%n", ours);
            System.out.printf(Locale.ROOT, "Hugging Face via DJL batchEncode   %,10.0f rows/s%n", theirs);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The best rows/s of {@code passes} runs of {@code work} over {@code texts}, after one warm-up. */
    private static double best(int passes, String[] texts, Runnable work) {
        work.run();
        double best = 0;
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            work.run();
            best = Math.max(best, texts.length / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }
}
