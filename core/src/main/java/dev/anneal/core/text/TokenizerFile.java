package dev.anneal.core.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.core.AnnealException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and writes Hugging Face {@code tokenizer.json} files. Supported, which covers anneal's own word
 * tokenizers and BERT-style WordPiece tokenizers (most sentence-embedding models):
 * <ul>
 *   <li>model {@code WordLevel} or {@code WordPiece};</li>
 *   <li>normalizer {@code BertNormalizer}, {@code Lowercase}, {@code NFC}/{@code NFD}/{@code NFKC}/{@code NFKD},
 *       {@code StripAccents}, {@code Replace}, or a {@code Sequence} of them, or none;</li>
 *   <li>pre-tokenizer {@code Whitespace}, {@code WhitespaceSplit} or {@code BertPreTokenizer};</li>
 *   <li>post-processor {@code TemplateProcessing} (single sequence), {@code BertProcessing}, or none;</li>
 *   <li>truncation to the right; padding is the caller's.</li>
 * </ul>
 * Anything else is refused with a message naming the file and the unsupported part, never tokenized
 * differently in silence. Duplicate ids in a vocabulary are refused too (the Rust library accepts them).
 */
final class TokenizerFile {

    /** Used when a file sets no truncation. */
    static final int DEFAULT_MAX_LENGTH = 512;

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private TokenizerFile() {
    }

    static Tokenizer parse(String text, String source) {
        try {
            return parse(MAPPER.readTree(text), source);
        } catch (JsonProcessingException e) {
            throw new AnnealException(source + ": not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        }
    }

    /** The tokenizer of a parsed {@code tokenizer.json} tree, which becomes the tokenizer's own. */
    static Tokenizer parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new AnnealException(source + ": expected a tokenizer.json object");
        }
        Reader reader = new Reader(source);
        TokenModel model = reader.model(root.path("model"));
        List<Tokenizer.AddedToken> added = reader.addedTokens(root.path("added_tokens"));
        Map<String, Integer> specialIds = new HashMap<>(model.vocab());
        added.forEach(token -> specialIds.put(token.content(), token.id()));
        TextNormalizer normalizer = reader.normalizer(root.path("normalizer"), "normalizer");
        PreTokenizer pre = reader.preTokenizer(root.path("pre_tokenizer"));
        int[][] template = reader.postProcessor(root.path("post_processor"), specialIds);
        JsonNode truncation = root.path("truncation");
        int maxLength = DEFAULT_MAX_LENGTH;
        if (truncation.isObject()) {
            if (!"Right".equals(truncation.path("direction").asText("Right"))) {
                throw reader.unsupported("truncation.direction", truncation.path("direction").asText());
            }
            maxLength = truncation.path("max_length").asInt(DEFAULT_MAX_LENGTH);
        }
        ObjectNode json = (ObjectNode) root;
        setTruncation(json, maxLength);
        return new Tokenizer(json, added, normalizer, pre, model, template[0], template[1], maxLength);
    }

    /** Sets right truncation to {@code maxLength} in {@code json}. */
    static void setTruncation(ObjectNode json, int maxLength) {
        ObjectNode truncation = MAPPER.createObjectNode();
        truncation.put("direction", "Right");
        truncation.put("max_length", maxLength);
        truncation.put("strategy", "LongestFirst");
        truncation.put("stride", 0);
        json.set("truncation", truncation);
        if (!json.has("padding")) {
            json.putNull("padding");
        }
    }

    static String write(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JSON of a word-level tokenizer with {@code tokens} in id order (the first ones special), HTML
     * tags replaced by spaces, NFKC, lower case, the Whitespace pre-tokenizer and {@code [CLS]} first.
     */
    static ObjectNode wordLevel(List<String> tokens, List<String> specials, String unk, String cls, int maxLength) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        setTruncation(root, maxLength);
        ArrayNode added = root.putArray("added_tokens");
        for (String special : specials) {
            ObjectNode token = added.addObject();
            token.put("id", tokens.indexOf(special));
            token.put("content", special);
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode steps = normalizer.putArray("normalizers");
        ObjectNode replace = steps.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("Regex", WordVocabulary.HTML_TAG);
        replace.put("content", " ");
        steps.addObject().put("type", "NFKC");
        steps.addObject().put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        post.putArray("single").addObject().putObject("SpecialToken").put("id", cls).put("type_id", 0);
        ((ArrayNode) post.get("single")).addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", cls).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode special = post.putObject("special_tokens").putObject(cls);
        special.put("id", cls);
        special.putArray("ids").add(tokens.indexOf(cls));
        special.putArray("tokens").add(cls);
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        model.put("unk_token", unk);
        return root;
    }

    /** Reads the parts of one file, naming it and the JSON path in every error. */
    private record Reader(String source) {

        AnnealException unsupported(String path, String what) {
            return new AnnealException(source + ": " + path + " '" + what + "' is not supported by anneal's tokenizer"
                    + " (supported: WordLevel or WordPiece models; BertNormalizer, Lowercase, NFC/NFD/NFKC/NFKD,"
                    + " StripAccents, Replace normalizers; Whitespace, WhitespaceSplit, BertPreTokenizer;"
                    + " TemplateProcessing or BertProcessing)");
        }

        private AnnealException bad(String path, String expected) {
            return new AnnealException(source + ": " + path + ": expected " + expected);
        }

        TokenModel model(JsonNode node) {
            String type = node.path("type").asText("");
            JsonNode vocabNode = node.path("vocab");
            if (!vocabNode.isObject() || vocabNode.isEmpty()) {
                throw bad("model.vocab", "a non-empty mapping of tokens to ids");
            }
            Map<String, Integer> vocab = new HashMap<>();
            Set<Integer> ids = new HashSet<>();
            Iterator<Map.Entry<String, JsonNode>> fields = vocabNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (!entry.getValue().canConvertToInt() || entry.getValue().asInt() < 0) {
                    throw bad("model.vocab." + entry.getKey(), "a non-negative integer id");
                }
                int id = entry.getValue().asInt();
                if (!ids.add(id)) {
                    throw new AnnealException(source + ": model.vocab: id " + id + " is given to two tokens (again to '"
                            + entry.getKey() + "')");
                }
                vocab.put(entry.getKey(), id);
            }
            String unk = node.path("unk_token").asText(null);
            Integer unkId = unk == null ? null : vocab.get(unk);
            if (unkId == null) {
                throw bad("model.unk_token", "a token of the vocabulary, got " + unk);
            }
            return switch (type) {
                case "WordLevel" -> new TokenModel(TokenModel.Kind.WORD_LEVEL, Map.copyOf(vocab), unkId, null, 0);
                case "WordPiece" -> new TokenModel(TokenModel.Kind.WORD_PIECE, Map.copyOf(vocab), unkId,
                        node.path("continuing_subword_prefix").asText("##"),
                        node.path("max_input_chars_per_word").asInt(100));
                default -> throw unsupported("model.type", type);
            };
        }

        List<Tokenizer.AddedToken> addedTokens(JsonNode node) {
            List<Tokenizer.AddedToken> tokens = new ArrayList<>();
            if (node.isMissingNode() || node.isNull()) {
                return tokens;
            }
            if (!node.isArray()) {
                throw bad("added_tokens", "a list");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode token = node.get(i);
                String content = token.path("content").asText("");
                if (content.isEmpty() || !token.path("id").canConvertToInt()) {
                    throw bad("added_tokens[" + i + "]", "an id and a non-empty content");
                }
                if (token.path("single_word").asBoolean(false) || token.path("lstrip").asBoolean(false)
                        || token.path("rstrip").asBoolean(false)) {
                    throw unsupported("added_tokens[" + i + "]", "single_word/lstrip/rstrip");
                }
                tokens.add(new Tokenizer.AddedToken(content, token.get("id").asInt()));
            }
            // The longest content first, so "[CLS]x" never loses to a shorter prefix at the same place.
            tokens.sort((a, b) -> b.content().length() - a.content().length());
            return tokens;
        }

        TextNormalizer normalizer(JsonNode node, String path) {
            if (node.isMissingNode() || node.isNull()) {
                return null;
            }
            String type = node.path("type").asText("");
            return switch (type) {
                case "Sequence" -> {
                    List<TextNormalizer> steps = new ArrayList<>();
                    JsonNode list = node.path("normalizers");
                    for (int i = 0; i < list.size(); i++) {
                        steps.add(normalizer(list.get(i), path + ".normalizers[" + i + "]"));
                    }
                    yield new TextNormalizer.Sequence(steps);
                }
                case "Lowercase" -> new TextNormalizer.Lowercase();
                case "NFC", "NFD", "NFKC", "NFKD" -> new TextNormalizer.Unicode(Normalizer.Form.valueOf(type));
                case "StripAccents" -> new TextNormalizer.StripAccents();
                case "Replace" -> replace(node, path);
                case "BertNormalizer" -> {
                    boolean lowercase = node.path("lowercase").asBoolean(true);
                    JsonNode strip = node.path("strip_accents");
                    yield new TextNormalizer.Bert(node.path("clean_text").asBoolean(true),
                            node.path("handle_chinese_chars").asBoolean(true),
                            strip.isBoolean() ? strip.asBoolean() : lowercase, lowercase);
                }
                default -> throw unsupported(path + ".type", type);
            };
        }

        private TextNormalizer replace(JsonNode node, String path) {
            JsonNode pattern = node.path("pattern");
            String content = node.path("content").asText("");
            try {
                if (pattern.has("Regex")) {
                    return new TextNormalizer.Replace(Pattern.compile(pattern.get("Regex").asText()), content);
                }
                if (pattern.has("String")) {
                    return new TextNormalizer.Replace(Pattern.compile(Pattern.quote(pattern.get("String").asText())),
                            content);
                }
            } catch (PatternSyntaxException e) {
                throw bad(path + ".pattern", "a regular expression (" + e.getDescription() + ")");
            }
            throw bad(path + ".pattern", "{\"Regex\": ...} or {\"String\": ...}");
        }

        PreTokenizer preTokenizer(JsonNode node) {
            String type = node.path("type").asText("");
            PreTokenizer pre = PreTokenizer.ofJsonType(type);
            if (pre == null) {
                throw node.isMissingNode() || node.isNull()
                        ? bad("pre_tokenizer", "one (without it the whole text is a single token)")
                        : unsupported("pre_tokenizer.type", type);
            }
            return pre;
        }

        /** The special ids before and after the sequence. */
        int[][] postProcessor(JsonNode node, Map<String, Integer> ids) {
            if (node.isMissingNode() || node.isNull()) {
                return new int[][] {{}, {}};
            }
            String type = node.path("type").asText("");
            if (type.equals("BertProcessing")) {
                return new int[][] {{node.path("cls").path(1).asInt()}, {node.path("sep").path(1).asInt()}};
            }
            if (!type.equals("TemplateProcessing")) {
                throw unsupported("post_processor.type", type);
            }
            List<Integer> before = new ArrayList<>();
            List<Integer> after = new ArrayList<>();
            boolean seenSequence = false;
            JsonNode single = node.path("single");
            for (int i = 0; i < single.size(); i++) {
                JsonNode item = single.get(i);
                if (item.has("Sequence")) {
                    seenSequence = true;
                    continue;
                }
                String token = item.path("SpecialToken").path("id").asText("");
                JsonNode special = node.path("special_tokens").path(token).path("ids");
                List<Integer> target = seenSequence ? after : before;
                if (special.isArray() && !special.isEmpty()) {
                    special.forEach(id -> target.add(id.asInt()));
                } else if (ids.containsKey(token)) {
                    target.add(ids.get(token));
                } else {
                    throw bad("post_processor.single[" + i + "]", "a special token with ids, got '" + token + "'");
                }
            }
            return new int[][] {before.stream().mapToInt(Integer::intValue).toArray(),
                after.stream().mapToInt(Integer::intValue).toArray()};
        }
    }
}
