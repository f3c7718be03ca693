package dev.anneal.train.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the console (standard error, so that results on standard output stay clean). */
public final class ConsoleProgress implements Progress {

    private final PrintStream out;

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public Task start(String name, long total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .continuousUpdate()
                .build();
        return new Task() {
            @Override
            public void update(long current, String status) {
                bar.stepTo(current);
                bar.setExtraMessage(status);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
