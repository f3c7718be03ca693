package dev.anneal.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.core.AnnealException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @TempDir
    Path temp;

    private static BundleManifest manifest() {
        return new BundleManifest(ModelBundle.FORMAT_VERSION, "churn", "1", "binary", "churned",
                Map.of("name", "xgb", "type", "xgboost"), List.of("no", "yes"), "yes", 0.42,
                List.of(new BundleManifest.InputColumn("age", "numeric", null, 18.0, 90.0, null),
                        new BundleManifest.InputColumn("plan", "category", List.of("a", "b"), null, null, null)),
                List.of("label", "probabilities"), Map.of("test", Map.of("roc_auc", 0.9)), Map.of("run", "r"), null);
    }

    private ModelBundle written() {
        return ModelBundle.write(temp.resolve("churn").resolve("1"), manifest(), Map.of(
                ModelBundle.MODEL, new byte[] {1, 2, 3},
                ModelBundle.MODEL_CARD, "# card\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writtenBundleReadsBackWithEveryFileHashed() {
        ModelBundle bundle = written();
        assertFalse(Files.exists(temp.resolve("churn").resolve("1.partial")));
        ModelBundle read = ModelBundle.read(bundle.folder());
        assertEquals(manifest().withFiles(read.manifest().files()), read.manifest());
        assertEquals(2, read.manifest().files().size());
        // sha256 of the bytes 01 02 03
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
                read.manifest().files().get(ModelBundle.MODEL));
    }

    @Test
    void aChangedFileIsRefusedWithItsName() throws IOException {
        ModelBundle bundle = written();
        Files.writeString(bundle.file(ModelBundle.MODEL_CARD), "# edited\n");
        AnnealException e = assertThrows(AnnealException.class, () -> ModelBundle.read(bundle.folder()));
        assertTrue(e.getMessage().contains("MODEL_CARD.md has SHA-256"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefused() throws IOException {
        ModelBundle bundle = written();
        Files.delete(bundle.file(ModelBundle.MODEL));
        AnnealException e = assertThrows(AnnealException.class, () -> ModelBundle.read(bundle.folder()));
        assertTrue(e.getMessage().endsWith("model.onnx is missing"), e.getMessage());
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws IOException {
        ModelBundle bundle = written();
        Path manifest = bundle.file(ModelBundle.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\" : 1",
                "\"format_version\" : 2").replace("\"format_version\":1", "\"format_version\":2"));
        AnnealException e = assertThrows(AnnealException.class, () -> ModelBundle.read(bundle.folder()));
        assertTrue(e.getMessage().contains("format_version 2 is not one this anneal reads"), e.getMessage());
    }

    @Test
    void aFolderWithoutManifestIsNotABundle() {
        AnnealException e = assertThrows(AnnealException.class, () -> ModelBundle.read(temp));
        assertTrue(e.getMessage().endsWith("is not a model bundle: it has no manifest.json"), e.getMessage());
    }

    @Test
    void anExistingFolderIsNeverOverwritten() {
        written();
        AnnealException e = assertThrows(AnnealException.class, this::written);
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
    }
}
