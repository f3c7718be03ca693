package dev.anneal.core.text;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.AnnealException;
import dev.anneal.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Hugging Face tokenizer run in plain Java: turns one text into token ids exactly as the
 * {@code tokenizers} library does with the same {@code tokenizer.json}, at many times its speed. The
 * file is the contract between training, the bundle and any other runtime; {@link TokenizerFile} lists
 * the parts of the format supported here, and anything else is refused when the file is read.
 *
 * <p>{@link #encode} matches added tokens (such as {@code [CLS]}) in the raw text, normalises the rest,
 * cuts it into words, maps each word to ids, truncates to {@link #maxLength()} and adds the
 * post-processor's special tokens (which count towards the maximum). Instances are immutable and
 * thread-safe.
 */
public final class Tokenizer {

    /** An added token matched literally in the raw text. */
    record AddedToken(String content, int id) {
    }

    private final ObjectNode json;
    private final List<AddedToken> addedTokens;
    private final TextNormalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final TokenModel model;
    private final int[] prefix;
    private final int[] suffix;
    private final int maxLength;

    Tokenizer(ObjectNode json, List<AddedToken> addedTokens, TextNormalizer normalizer, PreTokenizer preTokenizer,
            TokenModel model, int[] prefix, int[] suffix, int maxLength) {
        this.json = json;
        this.addedTokens = List.copyOf(addedTokens);
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        if (maxLength < prefix.length + suffix.length + 1) {
            throw new AnnealException("max_length must leave room for at least one token besides the "
                    + (prefix.length + suffix.length) + " special ones, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** Reads {@code file}. @throws AnnealException naming the file when it is unreadable or unsupported */
    public static Tokenizer read(Path file) {
        try {
            return TokenizerFile.parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new AnnealException("cannot read tokenizer " + file + ": " + e.getMessage());
        }
    }

    /** Parses tokenizer JSON; {@code source} names it in errors. */
    public static Tokenizer parse(String json, String source) {
        return TokenizerFile.parse(json, source);
    }

    /**
     * A word-level tokenizer fitted on {@code texts} (the training rows): HTML tags stripped, NFKC,
     * lower case, split into words and punctuation runs; the {@code vocabSize} most frequent words seen at
     * least {@code minFrequency} times (special tokens included in the size), and {@code [CLS]} first in
     * every encoding.
     */
    public static Tokenizer fitWords(String[] texts, int vocabSize, int minFrequency, int maxLength) {
        return WordVocabulary.fit(texts, vocabSize, minFrequency, maxLength);
    }

    /** The same tokenizer truncating to {@code length} tokens, special tokens included. */
    public Tokenizer withMaxLength(int length) {
        ObjectNode copy = json.deepCopy();
        TokenizerFile.setTruncation(copy, length);
        return new Tokenizer(copy, addedTokens, normalizer, preTokenizer, model, prefix, suffix, length);
    }

    /** The most ids {@link #encode} returns. */
    public int maxLength() {
        return maxLength;
    }

    /** The number of ids: every id {@link #encode} returns is in {@code [0, vocabSize())}. */
    public int vocabSize() {
        int max = model.vocab().size();
        for (AddedToken token : addedTokens) {
            max = Math.max(max, token.id() + 1);
        }
        return max;
    }

    /** The id of {@code token}, if the vocabulary or the added tokens have it. */
    public OptionalInt id(String token) {
        for (AddedToken added : addedTokens) {
            if (added.content().equals(token)) {
                return OptionalInt.of(added.id());
            }
        }
        Integer id = model.vocab().get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The ids of {@code text} ({@code null} counts as empty), at most {@link #maxLength()} of them. */
    public int[] encode(String text) {
        String raw = text == null ? "" : text;
        int[] ids = new int[Math.min(raw.length() + 1, 64) + maxLength];
        int size = 0;
        int room = maxLength - prefix.length - suffix.length;
        List<String> words = new ArrayList<>();
        int from = 0;
        while (from <= raw.length() && size < room) {
            AddedToken next = null;
            int at = raw.length();
            for (AddedToken token : addedTokens) {
                int found = raw.indexOf(token.content(), from);
                if (found >= 0 && found < at) {
                    at = found;
                    next = token;
                }
            }
            words.clear();
            words(raw.substring(from, at), words);
            for (String word : words) {
                if (size >= room) {
                    break;
                }
                if (ids.length < size + word.length() + 1) {
                    ids = Arrays.copyOf(ids, Math.max(ids.length * 2, size + word.length() + 1));
                }
                size = model.encode(word, ids, size);
            }
            if (next == null) {
                break;
            }
            if (size < room) {
                ids[size++] = next.id();
            }
            from = at + next.content().length();
        }
        size = Math.min(size, room);
        int[] out = new int[prefix.length + size + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(ids, 0, out, prefix.length, size);
        System.arraycopy(suffix, 0, out, prefix.length + size, suffix.length);
        return out;
    }

    /** Appends the normalised words of {@code text} (added tokens not matched) to {@code words}. */
    void words(String text, List<String> words) {
        preTokenizer.split(normalizer == null ? text : normalizer.apply(text), words);
    }

    /** The {@code tokenizer.json} content, as a tree; how a fitted feature carries its tokenizer in JSON. */
    @JsonValue
    public JsonNode toTree() {
        return json.deepCopy();
    }

    /** The tokenizer of a {@code tokenizer.json} tree (see {@link #toTree()}). */
    @JsonCreator
    public static Tokenizer fromTree(JsonNode tree) {
        return TokenizerFile.parse(tree.deepCopy(), "tokenizer");
    }

    /** The {@code tokenizer.json} text of this tokenizer. */
    public String toJson() {
        return TokenizerFile.write(json);
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    /** Every token in id order ({@code null} where no token has the id). */
    public List<String> tokensById() {
        String[] tokens = new String[vocabSize()];
        model.vocab().forEach((token, id) -> tokens[id] = token);
        addedTokens.forEach(token -> tokens[token.id()] = token.content());
        return Arrays.asList(tokens);
    }

    /** The ids of the added (special) tokens and of the unknown token: never a word of the text. */
    public Set<Integer> specialIds() {
        Set<Integer> ids = new HashSet<>();
        addedTokens.forEach(token -> ids.add(token.id()));
        ids.add(model.unkId());
        return ids;
    }
}
