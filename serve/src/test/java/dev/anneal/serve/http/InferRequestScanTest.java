package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast reader of V2 infer requests against Jackson's: it reads the usual requests, gives up on the
 * rest, and wherever it reads a request it reads exactly what Jackson reads, including on thousands of
 * mutated bodies.
 */
class InferRequestScanTest {

    private static final String USUAL = "{\"inputs\": [{\"name\": \"state\", \"datatype\": \"BYTES\", \"shape\": [2, 1],"
            + " \"data\": [\"KS\", \"\"]}, {\"name\": \"calls\", \"datatype\": \"FP64\", \"shape\": [2, 1], \"data\":"
            + " [128.0, null]}, {\"shape\":[2],\"data\":[[-0.5e3],[12345678901234567890]],\"name\":\"x\","
            + "\"datatype\":\"INT64\"}], \"id\": \"r-1\"}";

    @Test
    void readsTheUsualRequestsAsJacksonDoes() {
        StringBuilder rows = new StringBuilder("{\"inputs\": [{\"name\": \"a\", \"shape\": [64, 1], \"data\": [");
        for (int i = 0; i < 64; i++) {
            rows.append(i == 0 ? "" : ", ").append(i % 3 == 0 ? "null" : i % 3 == 1 ? (i * 0.37 - 9) + "" : "\"v" + i + "\"");
        }
        rows.append("]}]}");
        String pretty = USUAL.replace(", ", ",\n\t").replace(": ", " :\r\n ");
        for (String body : new String[] {USUAL, pretty, rows.toString(), "{}", "{\"inputs\": []}", " {\"inputs\":[{}]} \n",
                "{\"inputs\": [{\"name\": \"a\", \"shape\": [], \"data\": [[], [[1]], 0, -0, -0.0, 1E2, 3.14159,"
                        + " 0.1000000000000000055511151231257827, 9007199254740993]}]}"}) {
            InferRequestJson fast = scan(body);
            assertNotNull(fast, body);
            assertEquals(describe(jackson(body)), describe(fast), body);
        }
        assertEquals("r-1", scan(USUAL).id.asText());
        assertEquals(0.1, scan("{\"inputs\": [{\"data\": [0.1]}]}").inputs.get(0).data.number(0));
    }

    @Test
    void leavesEverythingElseToJackson() {
        for (String body : new String[] {
            "{\"inputs\": [{\"name\": \"a\\u0062\"}]}", // an escape
            "{\"inputs\": [{\"name\": \"é\"}]}", // not ASCII
            "{\"id\": 7, \"inputs\": []}", // an id that is not a string
            "{\"inputs\": [], \"outputs\": [{\"name\": \"label\"}]}",
            "{\"inputs\": [], \"parameters\": {}}",
            "{\"inputs\": [{\"parameters\": {\"binary_data_size\": 8}}]}",
            "{\"inputs\": [{\"name\": \"a\", \"name\": \"b\"}]}", // a duplicate key
            "{\"inputs\": [{\"data\": [true]}]}",
            "{\"inputs\": [{\"data\": [01]}]}", // leading zero: invalid JSON
            "{\"inputs\": [{\"data\": [1.]}]}",
            "{\"inputs\": [{\"data\": [1,]}]}",
            "{\"inputs\": [{\"shape\": [1, 1, 1, 1]}]}", // more dimensions than are kept
            "{\"inputs\": [{\"shape\": [-1]}]}",
            "{\"inputs\": [{\"shape\": [1.0]}]}",
            "{\"inputs\": [{\"data\": [[[[[[[[[1]]]]]]]]]}]}", // nested as deep as the limit
            "{\"inputs\": [{\"data\": [" + "1,".repeat(100) + "1]}]}", // more values than a request may hold
            "{\"inputs\": []} {}",
            "{\"inputs\": [",
            "[1]",
        }) {
            assertNull(scan(body), body);
        }
    }

    @Test
    void agreesWithJacksonOnMutatedBodies() {
        Random random = new Random(42);
        String alphabet = "{}[],:\"\\ -.0123456789eE+natrufls";
        int read = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder body = new StringBuilder(USUAL);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(body.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> body.setCharAt(at, c);
                    case 1 -> body.insert(at, c);
                    default -> body.deleteCharAt(at);
                }
            }
            String text = body.toString();
            InferRequestJson fast = scan(text);
            if (fast != null) {
                read++;
                assertEquals(describe(jackson(text)), describe(fast), text);
            }
        }
        assertTrue(read > 1_000, "the fast reader read only " + read + " of the mutated bodies");
    }

    private static InferRequestJson scan(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return InferRequestScan.read(bytes, 0, bytes.length, 100);
    }

    private static InferRequestJson jackson(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return InferRequestJson.readWithJackson(bytes, 0, bytes.length, 100);
    }

    /** Everything a reader gives, numbers by their bits. */
    private static String describe(InferRequestJson request) {
        StringBuilder out = new StringBuilder().append(request.id).append(' ').append(request.outputs).append(' ')
                .append(request.parameters);
        if (request.inputs == null) {
            return out.append(" no inputs").toString();
        }
        for (InferRequestJson.Tensor tensor : request.inputs) {
            out.append("\n").append(tensor.name).append(' ').append(tensor.datatype).append(' ')
                    .append(tensor.shape == null ? "null" : tensor.shapeText()).append(' ').append(tensor.dims)
                    .append(' ').append(tensor.parameters).append(' ').append(tensor.dataProblem);
            if (tensor.data != null) {
                for (int i = 0; i < tensor.data.size(); i++) {
                    out.append(' ').append(tensor.data.kind(i)).append(':')
                            .append(Double.doubleToRawLongBits(tensor.data.number(i))).append(':')
                            .append(tensor.data.text(i));
                }
            }
        }
        return out.toString();
    }
}
