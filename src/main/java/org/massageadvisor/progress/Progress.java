package org.massageadvisor.progress;

/**
 * Where long work reports how far it has got. A terminal draws it ({@link TerminalProgress});
 * pipes, files and tests get {@link #NONE}, so output that is read by programs never carries it.
 * Implementations are thread-safe: worker threads call {@link #advance} concurrently.
 */
public interface Progress extends AutoCloseable {

    /** Reports nowhere. */
    Progress NONE = new Progress() {
        @Override
        public void step(String name, long total, String unit) {
        }

        @Override
        public void total(long total) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void close() {
        }
    };

    /** A new step of the work begins: what it is, how many units it has (0 if unknown), and their name. */
    void step(String name, long total, String unit);

    /** The current step's total, revised (a batch learns its record count as it reads). */
    void total(long total);

    /** {@code n} more units of the current step are done. */
    void advance(long n);

    /** The same progress, each step's name preceded by {@code prefix} (what is being worked on). */
    default Progress prefixed(String prefix) {
        Progress inner = this;
        return inner == NONE ? NONE : new Progress() {
            @Override
            public void step(String name, long total, String unit) {
                inner.step(prefix + name, total, unit);
            }

            @Override
            public void total(long total) {
                inner.total(total);
            }

            @Override
            public void advance(long n) {
                inner.advance(n);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** The work is over: the line the progress was drawn on is cleared. */
    @Override
    void close();
}
