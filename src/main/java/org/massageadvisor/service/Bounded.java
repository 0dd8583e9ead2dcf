package org.massageadvisor.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body stream that stops with 413 once more than {@code limit} bytes have been read. */
final class Bounded extends FilterInputStream {

    private final long limit;
    private long read;

    Bounded(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** The whole body, at most {@code limit} bytes. */
    static byte[] readAll(InputStream in, long limit) throws IOException {
        try (Bounded b = new Bounded(in, limit)) {
            return b.readAllBytes();
        }
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw new ProblemException(Problem.tooLarge(limit));
        }
    }
}
