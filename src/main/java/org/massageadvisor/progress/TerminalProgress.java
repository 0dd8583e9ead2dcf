package org.massageadvisor.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressState;
import org.massageadvisor.text.Numbers;

/**
 * Progress drawn on one terminal line of stderr with the progressbar library (which keeps the state
 * thread-safe and redraws it four times a second): the step's name, a bar, the share and units done, the
 * time so far and, once the rate has settled, an estimate of the time left.
 * Use {@link #onTerminal} to get one: it is {@link Progress#NONE} unless stderr is a terminal.
 */
public final class TerminalProgress implements Progress {

    private final PrintWriter err;
    private ProgressBar bar;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** Progress on {@code err} when the program runs on a terminal and {@code quiet} is false; else nothing. */
    public static Progress onTerminal(PrintWriter err, boolean quiet) {
        return quiet || System.console() == null ? NONE : new TerminalProgress(err);
    }

    @Override
    public synchronized void step(String name, long total, String unit) {
        closeBar();
        bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total > 0 ? total : -1)
                .setUpdateIntervalMillis(250)
                .setConsumer(new LineConsumer(err))
                .setRenderer(renderer(unit))
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public synchronized void total(long total) {
        if (bar != null && total > 0) {
            bar.maxHint(total);
        }
    }

    @Override
    public void advance(long n) {
        ProgressBar b;
        synchronized (this) {
            b = bar;
        }
        if (b != null) {
            b.stepBy(n);
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static final int BAR = 20;

    /**
     * One line: {@code verify  42% [########            ] 619,520 of 1,474,560 profiles, 1 min 3 s, about 1 min 27 s left}.
     * Without a known total: {@code compile rules-drl, 4 s}. The estimate appears only once it has settled.
     */
    static me.tongfei.progressbar.ProgressBarRenderer renderer(String unit) {
        RateEstimate rate = new RateEstimate();
        return (state, width) -> render(state, unit, rate.update(System.nanoTime(), state.getCurrent(), state.getMax()), width);
    }

    static String render(ProgressState state, String unit, Optional<Duration> left, int width) {
        long done = state.getCurrent();
        long total = state.getMax();
        Duration elapsed = state.getElapsedAfterStart();
        StringBuilder line = new StringBuilder(state.getTaskName());
        if (state.isIndefinite() || total <= 0) {
            if (done > 0) {
                line.append(", ").append(Numbers.count(done)).append(' ').append(unit);
            }
            line.append(", ").append(duration(elapsed));
        } else {
            double share = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(share * BAR);
            String bar = " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "]";
            StringBuilder rest = new StringBuilder(" ").append(Numbers.count(done)).append(" of ").append(Numbers.count(total))
                    .append(' ').append(unit).append(", ").append(duration(elapsed));
            left.ifPresent(l -> rest.append(", about ").append(duration(l)).append(" left"));
            line.append(String.format(java.util.Locale.ROOT, " %3d%%", (int) Math.floor(share * 100)));
            // On a narrow terminal the bar goes first: the figures say more.
            if (line.length() + bar.length() + rest.length() <= width) {
                line.append(bar);
            }
            line.append(rest);
        }
        return line.length() > width ? line.substring(0, width) : line.toString();
    }

    /** "45 s", "3 min 20 s", "1 h 5 min". */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    /** Draws on one line with carriage returns, and clears it when the bar closes. */
    private static final class LineConsumer implements ProgressBarConsumer {

        private final PrintWriter err;
        private final int width;
        private int drawn;

        LineConsumer(PrintWriter err) {
            this.err = err;
            this.width = terminalWidth();
        }

        /** The terminal's width as the library measures it (through jline), less a margin; 80 columns if unknown. */
        private static int terminalWidth() {
            int width = new ConsoleProgressBarConsumer(System.err).getMaxRenderedLength();
            return width > 20 ? width : 79;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String line) {
            synchronized (err) {
                err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
                err.flush();
                drawn = line.length();
            }
        }

        @Override
        public void clear() {
            synchronized (err) {
                err.print("\r" + " ".repeat(drawn) + "\r");
                err.flush();
                drawn = 0;
            }
        }

        @Override
        public void close() {
            clear();
        }
    }
}
