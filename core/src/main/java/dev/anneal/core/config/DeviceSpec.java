package dev.anneal.core.config;

import java.util.Optional;

/**
 * The {@code device} setting: {@code auto} (every GPU the engine sees, else the CPU), {@code cpu},
 * {@code gpu} (every GPU; an error without one) or {@code gpu:0,1} (those GPUs, data-parallel).
 * Only the syntax is checked here; whether the GPUs exist is known only to the training engine.
 */
public final class DeviceSpec {

    public static final String AUTO = "auto";
    private static final String PATTERN = "auto|cpu|gpu|gpu:\\d+(,\\d+)*";

    private DeviceSpec() {
    }

    /** What is wrong with {@code device}, if anything. */
    public static Optional<String> problem(String device) {
        return device.matches(PATTERN) ? Optional.empty()
                : Optional.of("expected auto, cpu, gpu or gpu:<ids> (e.g. gpu:0,1), got '" + device + "'");
    }
}
