package dev.anneal.train.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The official ONNX checker ({@code onnx.checker.check_model(..., full_check=True)}, Debian's
 * python3-onnx, which {@code .ci/run} installs) on an exported model, and a check that every node's
 * output is read (ONNX Runtime runs a node whose output nothing reads, at a cost per call); a test fails
 * when either rejects it.
 */
final class OnnxChecker {

    private OnnxChecker() {
    }

    static void check(byte[] model) {
        try {
            Path file = Files.createTempFile("anneal-check", ".onnx");
            try {
                Files.write(file, model);
                Process process = new ProcessBuilder("/usr/bin/python3", "-c",
                        String.join("\n", "import onnx, sys",
                                "model = onnx.load(sys.argv[1])",
                                "onnx.checker.check_model(model, full_check=True)",
                                "read = {i for n in model.graph.node for i in n.input} | {o.name for o in model.graph.output}",
                                "dead = [n.op_type + ' -> ' + o for n in model.graph.node for o in n.output if o and o not in read]",
                                "sys.exit('nodes whose output nothing reads: ' + ', '.join(dead) if dead else 0)"),
                        file.toString()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(120, TimeUnit.SECONDS);
                assertEquals(0, process.exitValue(), () -> "the ONNX checker rejects the model: " + output);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run the ONNX checker (/usr/bin/python3 with python3-onnx): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
