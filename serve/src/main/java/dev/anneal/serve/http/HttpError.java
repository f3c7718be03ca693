package dev.anneal.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * A request the server answers with an error status and {@code {"error": message}}: 400 for a bad
 * request, 404 for an unknown model, version or path, 503 when not ready.
 */
final class HttpError extends RuntimeException {

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    /** A body that is not the one JSON value it should be. */
    static HttpError unreadableJson(IOException e) {
        return badRequest(e instanceof JsonProcessingException json
                ? "the body is not valid JSON: " + json.getOriginalMessage() : "cannot read the body: " + e.getMessage());
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    int status() {
        return status;
    }
}
