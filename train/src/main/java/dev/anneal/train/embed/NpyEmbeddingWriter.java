package dev.anneal.train.embed;

import dev.anneal.core.io.PartialFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams embeddings to a NumPy {@code .npy} file (format 1.0, {@code <f4}, shape {@code (n, dim)}, C
 * order) and their ids to the sibling {@code <name>.ids.txt}, one per line ({@link IdLines}; row numbers
 * when the data has no ids). The header is written first with n = 0 and rewritten with the true n at
 * close, so memory stays constant whatever n is.
 */
final class NpyEmbeddingWriter extends AbstractEmbeddingWriter {

    private static final int BUFFER_FLOATS = 64 * 1024;

    private final FileChannel data;
    private final IdLines ids;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);

    NpyEmbeddingWriter(Path out, int dim) {
        this(PartialFile.beside(out), PartialFile.beside(idsPath(out)), dim);
    }

    private NpyEmbeddingWriter(PartialFile npy, PartialFile idFile, int dim) {
        super(dim, npy, idFile);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(npy.partial(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.write(NpyHeader.encode(0, dim));
            this.ids = new IdLines(idFile.partial(), idFile.target());
            this.data = channel;
        } catch (IOException e) {
            closeQuietly(channel);
            npy.delete();
            idFile.delete();
            throw problem(e);
        }
    }

    /** {@code emb.npy} → {@code emb.ids.txt}, beside it. */
    static Path idsPath(Path npy) {
        String name = npy.getFileName().toString();
        return npy.resolveSibling(name.substring(0, name.length() - ".npy".length()) + ".ids.txt");
    }

    @Override
    protected void append(String[] chunkIds, float[] embeddings, int count, long firstRow) throws IOException {
        int total = count * dim;
        for (int from = 0; from < total; from += BUFFER_FLOATS) {
            int length = Math.min(BUFFER_FLOATS, total - from);
            buffer.clear();
            buffer.asFloatBuffer().put(embeddings, from, length);
            buffer.limit(length * Float.BYTES);
            while (buffer.hasRemaining()) {
                data.write(buffer);
            }
        }
        for (int i = 0; i < count; i++) {
            ids.add(id(chunkIds, i, firstRow), firstRow + i);
        }
    }

    @Override
    protected void finish(long total) throws IOException {
        ByteBuffer header = NpyHeader.encode(total, dim);
        while (header.hasRemaining()) {
            data.write(header, header.position());
        }
        data.close();
        ids.close();
    }

    @Override
    protected void release() {
        closeQuietly(data);
        try {
            ids.close();
        } catch (IOException ignored) {
            // the files are deleted next; the error that got us here is the one to report
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // as in release()
            }
        }
    }
}
