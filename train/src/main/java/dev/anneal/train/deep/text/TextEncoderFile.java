package dev.anneal.train.deep.text;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.anneal.core.AnnealException;
import dev.anneal.core.io.AtomicFiles;
import dev.anneal.train.deep.TabularLayout;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One text column's trained encoder in a file of its own, beside the whole network's, so that
 * {@code anneal embed} can run the encoder alone: DJL's parameter format of that one block. The
 * architecture is not in the file; it comes from the column's settings and tokenizer (the run's
 * {@code features.json}), as when it was built.
 */
public final class TextEncoderFile {

    private TextEncoderFile() {
    }

    /** The file name of the encoder of the {@code index}-th text column of a network. */
    public static String name(int index) {
        return "text_encoder_" + index + ".params";
    }

    /** Writes {@code encoder}'s parameters to {@code file}, atomically. */
    public static void save(TextEncoder encoder, Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoder.saveParameters(out);
        } catch (IOException e) {
            throw new AnnealException("cannot save the text encoder to " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /**
     * The encoder of {@code text} rebuilt and loaded from {@code file}, its arrays on {@code manager}.
     *
     * @throws AnnealException when the file is missing or does not hold this encoder's parameters
     */
    public static TextEncoder load(Path file, TabularLayout.TextInput text, NDManager manager) {
        TextEncoder encoder = TextEncoders.create(text);
        Shape tokens = new Shape(1, text.maxLength());
        encoder.initialize(manager, DataType.FLOAT32, tokens, tokens);
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            encoder.loadParameters(manager, data);
            if (data.read() != -1) {
                throw new MalformedModelException("data after the encoder's parameters");
            }
        } catch (NoSuchFileException e) {
            throw new AnnealException(file + ": no such file (the text encoder of column '" + text.column() + "')", e);
        } catch (IOException | MalformedModelException | IllegalArgumentException | IllegalStateException e) {
            throw new AnnealException(file + ": not the " + text.encoder().type().name().toLowerCase(Locale.ROOT) + " encoder of column '"
                    + text.column() + "' this run describes: " + e.getMessage(), e);
        }
        return encoder;
    }
}
