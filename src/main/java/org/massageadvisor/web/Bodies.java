package org.massageadvisor.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.massageadvisor.service.DecisionService;
import org.massageadvisor.service.Problem;
import org.massageadvisor.service.ProblemException;

/** Request bodies at the trust boundary: JSON only (415), bounded (413), read once. */
public final class Bodies {

    private static final List<String> JSON_TYPES = List.of("application/json", "application/x-ndjson", "application/jsonl",
            "application/json-seq");

    private Bodies() {
    }

    /** One profile: JSON, at most 1 MiB. */
    static byte[] profile(Context ctx) throws IOException {
        requireJson(ctx);
        // A little over the limit is read (so the client sees the 413 before the connection closes); far over is refused unread.
        requireAtMost(ctx, 16 * DecisionService.PROFILE_LIMIT);
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes((int) DecisionService.PROFILE_LIMIT + 1);
            if (body.length > DecisionService.PROFILE_LIMIT) {
                discardBeforeRefusing(ctx, ctx.req().getContentLengthLong());
                throw new ProblemException(Problem.tooLarge(DecisionService.PROFILE_LIMIT));
            }
            return body;
        }
    }

    static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(base) && !base.endsWith("+json")) {
            throw new ProblemException(Problem.notJson(type));
        }
    }

    /** A declared length over the limit is refused before a byte is read. */
    static void requireAtMost(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            discardBeforeRefusing(ctx, declared);
            throw new ProblemException(Problem.tooLarge(limit));
        }
    }

    /**
     * How much of a body over its limit is read and thrown away before the 413 goes out: a client that
     * is still sending then reads the answer, where answering mid-body would close the connection under
     * it. Bodies declared larger are refused unread.
     */
    private static final long DRAINED = 32L << 20;

    /**
     * Before answering 413 to a body declared {@code declared} bytes long: reads it and throws it away
     * if it is no larger than {@link #DRAINED}, so the client still sending it reads the answer.
     */
    public static void discardBeforeRefusing(Context ctx, long declared) {
        if (declared > DRAINED) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = ctx.req().getInputStream()) {
            long left = DRAINED;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // The client went away: the 413 is sent (or not) all the same.
        }
    }

    /** {@code ?name=true} (or {@code 1}, {@code yes}); anything else is false. */
    static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v != null && List.of("true", "1", "yes").contains(v.trim().toLowerCase(Locale.ROOT));
    }
}
