package dev.anneal.core;

/**
 * An error the user can act on: bad config, bad data, an unsuitable option.
 *
 * <p>Its message is the one line the command line prints (no stack trace unless {@code --verbose}),
 * so it names the file, line, column or field at fault and what was expected.
 */
public class AnnealException extends RuntimeException {

    public AnnealException(String message) {
        super(message);
    }

    public AnnealException(String message, Throwable cause) {
        super(message, cause);
    }
}
