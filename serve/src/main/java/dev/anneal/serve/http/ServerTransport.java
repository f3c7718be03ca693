package dev.anneal.serve.http;

import dev.anneal.core.AnnealException;
import io.vertx.core.transport.Transport;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The network transport under the server's event loops. By default the fastest this machine allows:
 * io_uring where the kernel and its sandbox permit it, else epoll, else Java NIO. On two cores io_uring
 * served more single-row requests than epoll in 9 of 10 alternating runs (about a fifth more at the median),
 * its loops reading about 7 requests a turn instead of 5 (docs/benchmarks.md). Containers whose seccomp
 * profile refuses io_uring (Docker's default does) get epoll.
 */
public enum ServerTransport {
    IO_URING(Transport.IO_URING),
    EPOLL(Transport.EPOLL),
    NIO(Transport.NIO);

    /** The name that picks the fastest available transport. */
    public static final String AUTO = "auto";

    private final Transport transport;

    ServerTransport(Transport transport) {
        this.transport = transport;
    }

    /** The name users give: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    Transport transport() {
        return transport;
    }

    /**
     * The transport called {@code name}, or with {@link #AUTO} the first available of io_uring, epoll and NIO.
     *
     * @throws AnnealException for an unknown name, or a transport this machine cannot run, with the reason
     */
    static ServerTransport choose(String name) {
        if (name.equals(AUTO)) {
            return Arrays.stream(values()).filter(t -> t.transport.available()).findFirst().orElse(NIO);
        }
        List<String> names = Arrays.stream(values()).map(ServerTransport::label).toList();
        ServerTransport chosen = Arrays.stream(values()).filter(t -> t.label().equals(name)).findFirst()
                .orElseThrow(() -> new AnnealException("--transport: expected " + AUTO + " or one of " + names
                        + ", got '" + name + "'"));
        if (!chosen.transport.available()) {
            Throwable cause = chosen.transport.unavailabilityCause();
            throw new AnnealException("--transport " + name + ": not available on this machine"
                    + (cause == null ? "" : ": " + cause.getMessage()));
        }
        return chosen;
    }
}
