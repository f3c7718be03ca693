package dev.anneal.core.data.bench;

import dev.anneal.core.data.CsvReader;
import dev.anneal.core.data.ReadOptions;
import dev.anneal.core.data.Table;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Times {@link CsvReader#read} on one file for {@code scripts/bench-csv}: one warm-up read, then the best
 * of {@code repeats} reads. Prints {@code rows columns seconds cpuSeconds} on one line, where
 * {@code cpuSeconds} is the process CPU time (all threads, GC included) of the fastest-CPU read: on a
 * shared machine wall time depends on other jobs, CPU time much less.
 */
public final class CsvReadBench {

    private CsvReadBench() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: CsvReadBench FILE [REPEATS]");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Table table = CsvReader.read(path, ReadOptions.defaults());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        for (int i = 0; i < repeats; i++) {
            table = null;
            System.gc();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            table = CsvReader.read(path, ReadOptions.defaults());
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - cpu) / 1e9);
        }
        System.out.printf(java.util.Locale.ROOT, "%d %d %.3f %.3f%n", table.rowCount(), table.columnCount(), best,
                bestCpu);
    }
}
