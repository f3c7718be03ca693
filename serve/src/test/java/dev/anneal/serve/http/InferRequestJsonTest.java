package dev.anneal.serve.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The streaming read of a V2 infer request: any key order, nested data flattened, problems kept for later. */
class InferRequestJsonTest {

    private static InferRequestJson read(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return InferRequestJson.read(bytes, 0, bytes.length, 100);
    }

    @Test
    void keysComeInAnyOrderAndNestedDataIsFlattened() {
        InferRequestJson request = read("{\"parameters\": {\"binary_data_output\": true}, \"inputs\": [{\"data\": "
                + "[[1.5], [null], [\"x\"], [true]], \"shape\": [4, 1], \"extra\": {\"a\": [1]}, \"datatype\": \"FP64\","
                + " \"name\": \"a\"}], \"id\": 7, \"unknown\": [[]]}");
        assertEquals(7, request.id.asInt());
        assertTrue(request.parameters.get("binary_data_output").asBoolean());
        assertNull(request.outputs);
        InferRequestJson.Tensor tensor = request.inputs.get(0);
        assertEquals("a", tensor.name);
        assertEquals("FP64", tensor.datatype);
        assertArrayEquals(new long[] {4, 1}, tensor.shape);
        assertEquals("[4,1]", tensor.shapeText());
        InferRequestJson.Values data = tensor.data;
        assertEquals(4, data.size());
        assertEquals(InferRequestJson.Values.Kind.NUMBER, data.kind(0));
        assertEquals(1.5, data.number(0));
        assertEquals(InferRequestJson.Values.Kind.NULL, data.kind(1));
        assertEquals("x", data.text(2));
        assertEquals(InferRequestJson.Values.Kind.OTHER, data.kind(3));
        assertEquals("boolean true", data.text(3));
        assertNull(tensor.dataProblem);
    }

    @Test
    void badShapesAndDataAreKeptAsProblemsNotThrown() {
        InferRequestJson request = read("{\"inputs\": [{\"name\": 5, \"shape\": [-2, \"x\", 1, 1], \"data\": 3},"
                + " {\"name\": \"b\", \"shape\": 9, \"data\": [[[[[[[[[[1]]]]]]]]]]}, {\"data\": [1, 2, 3]}, 4]}");
        InferRequestJson.Tensor first = request.inputs.get(0);
        assertNull(first.name, "a name that is not a string");
        assertEquals(4, first.dims);
        assertArrayEquals(new long[] {-1, -1, 1}, first.shape, "only the first dimensions are kept");
        assertEquals("[-2,\"x\",1,1]", first.shapeText());
        assertTrue(first.dataProblem.contains("must be an array"), first.dataProblem);
        InferRequestJson.Tensor second = request.inputs.get(1);
        assertNull(second.shape);
        assertEquals("9", second.shapeText());
        assertTrue(second.dataProblem.contains("nested deeper than"), second.dataProblem);
        assertTrue(request.inputs.get(2).dataProblem == null && request.inputs.get(2).data.size() == 3);
        assertNull(request.inputs.get(3).name, "an element that is not an object");
    }

    @Test
    void moreValuesThanARequestMayHoldStopEarly() {
        InferRequestJson request = read("{\"inputs\": [{\"name\": \"a\", \"data\": [" + "1,".repeat(500) + "1]}]}");
        assertEquals(100, request.inputs.get(0).data.size());
        assertTrue(request.inputs.get(0).dataProblem.contains("more than the 100 values"));
    }

    @Test
    void syntaxErrorsAndNonObjectsAre400() {
        for (String body : new String[] {"{\"inputs\": [", "[1]", "{} {}", "\"text\""}) {
            HttpError error = assertThrows(HttpError.class, () -> read(body), body);
            assertEquals(400, error.status());
        }
        assertTrue(assertThrows(HttpError.class, () -> read("[1]")).getMessage().contains("JSON object"));
    }
}
