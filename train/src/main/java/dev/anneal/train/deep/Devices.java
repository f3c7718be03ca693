package dev.anneal.train.deep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.anneal.core.AnnealException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns the {@code device} setting into the devices DJL trains on: {@code auto} takes every GPU the
 * PyTorch engine sees and falls back to the CPU; {@code gpu} and {@code gpu:0,1} insist on GPUs and
 * fail with a clear message where there are none.
 */
public final class Devices {

    private Devices() {
    }

    public static Device[] resolve(String setting) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (setting.equals("cpu") || setting.equals("auto") && gpus == 0) {
            return new Device[] {Device.cpu()};
        }
        if (setting.equals("auto") || setting.equals("gpu")) {
            if (gpus == 0) {
                throw new AnnealException("device: gpu was asked for, but the PyTorch engine sees no GPU (CUDA build "
                        + "and driver needed, see README); use device: auto or cpu");
            }
            return Engine.getEngine("PyTorch").getDevices(gpus);
        }
        int[] ids = Arrays.stream(setting.substring("gpu:".length()).split(",")).mapToInt(Integer::parseInt).toArray();
        for (int id : ids) {
            if (id >= gpus) {
                throw new AnnealException("device: " + setting + " names GPU " + id + ", but the PyTorch engine sees "
                        + gpus + " GPU(s)");
            }
        }
        return Arrays.stream(ids).mapToObj(Device::gpu).toArray(Device[]::new);
    }

    /**
     * Sets the CPU threads PyTorch uses for one op ({@code threads}) and between ops (one), unless the
     * user set the system properties; PyTorch reads them once, when DJL first loads it, and explicit
     * counts measured faster here than its defaults.
     */
    public static void useThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads",
                System.getProperty("ai.djl.pytorch.num_threads", Integer.toString(threads)));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }

    /** The devices as provenance records them, e.g. {@code cpu()} or {@code gpu(0),gpu(1)}. */
    public static String describe(Device[] devices) {
        return Arrays.stream(devices).map(Device::toString).collect(Collectors.joining(","));
    }
}
