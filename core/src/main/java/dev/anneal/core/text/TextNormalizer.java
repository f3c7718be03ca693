package dev.anneal.core.text;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a tokenizer's normalizer, as Hugging Face's {@code tokenizers} library defines it: each
 * takes the text and returns it cleaned. {@link Sequence} runs several in order.
 */
sealed interface TextNormalizer {

    String apply(String text);

    /** Steps in order. */
    record Sequence(List<TextNormalizer> steps) implements TextNormalizer {
        @Override
        public String apply(String text) {
            for (TextNormalizer step : steps) {
                text = step.apply(text);
            }
            return text;
        }
    }

    /** Replaces every match of a regular expression (a literal string is quoted into one) with {@code content}. */
    record Replace(Pattern pattern, String content) implements TextNormalizer {
        @Override
        public String apply(String text) {
            // The common pattern strips HTML tags: text without '<' cannot match it.
            if (pattern.pattern().startsWith("<") && text.indexOf('<') < 0) {
                return text;
            }
            return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(content));
        }
    }

    /** Unicode normalisation form NFC, NFD, NFKC or NFKD; ASCII text is unchanged by all four. */
    record Unicode(Normalizer.Form form) implements TextNormalizer {
        @Override
        public String apply(String text) {
            return isAscii(text) ? text : Normalizer.normalize(text, form);
        }
    }

    /**
     * Lower-cases character by character, as the Rust library does (so a final capital sigma becomes
     * {@code σ}, not {@code ς}, and {@code İ} becomes {@code i̇}).
     */
    record Lowercase() implements TextNormalizer {
        @Override
        public String apply(String text) {
            if (isAscii(text)) {
                return text.toLowerCase(Locale.ROOT);
            }
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == 0x130) {
                    out.append("i\u0307");
                } else {
                    out.appendCodePoint(Character.toLowerCase(cp));
                }
            });
            return out.toString();
        }
    }

    /** Removes combining marks after decomposing (meant to follow NFD). */
    record StripAccents() implements TextNormalizer {
        @Override
        public String apply(String text) {
            if (isAscii(text)) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(out::appendCodePoint);
            return out.toString();
        }
    }

    /**
     * BERT's normaliser: drops control characters and maps whitespace to spaces, spaces out CJK
     * ideographs, strips accents (by default when lower-casing) and lower-cases.
     */
    record Bert(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase)
            implements TextNormalizer {
        @Override
        public String apply(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cleanText) {
                    if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                        return;
                    }
                    if (Characters.isWhitespace(cp)) {
                        out.append(' ');
                        return;
                    }
                }
                if (chineseChars && isCjk(cp)) {
                    out.append(' ').appendCodePoint(cp).append(' ');
                } else {
                    out.appendCodePoint(cp);
                }
            });
            String result = out.toString();
            if (stripAccents) {
                result = new StripAccents().apply(new Unicode(Normalizer.Form.NFD).apply(result));
            }
            return lowercase ? new Lowercase().apply(result) : result;
        }

        private static boolean isControl(int cp) {
            if (cp == '\t' || cp == '\n' || cp == '\r') {
                return false;
            }
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED;
        }

        private static boolean isCjk(int cp) {
            return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                    || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                    || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                    || (cp >= 0x2F800 && cp <= 0x2FA1F);
        }
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
