package org.massageadvisor.web.workbench;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import java.util.Optional;
import org.massageadvisor.users.Role.Permission;
import org.massageadvisor.users.User;
import org.massageadvisor.workbench.WorkbenchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every workbench request goes through: security headers; the session from its cookie (re-checked
 * against users.json, so a removed user or changed role ends it); the CSRF token on every POST; the
 * role's permission; and one mapping of every refusal to a status and a readable page.
 */
final class Guard {

    static final String COOKIE = "wb_session";
    static final String CSRF_FIELD = "csrf";
    /** The largest workbench form: a rule file of 1 MiB URL-encoded (up to three bytes a character), or a grid's cells. */
    static final long MAX_FORM_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    /** Scripts and styles from this server only, no framing, forms post back here only. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** A page handler that is given the request's session (null when there is none). */
    interface Page {
        void handle(Context ctx, Session session) throws Exception;
    }

    private final WorkbenchWeb web;

    Guard(WorkbenchWeb web) {
        this.web = web;
    }

    /** For the login form: no user needed; a POST still needs the session's CSRF token. */
    Handler open(Page page) {
        return ctx -> {
            headers(ctx);
            if (!sizeOk(ctx)) {
                return;
            }
            try {
                guarded(ctx, session(ctx).orElse(null), page);
            } catch (RuntimeException e) {
                refused(ctx, null, e);
            }
        };
    }

    /** Needs a signed-in user whose role has {@code permission}; a GET without one goes to the login form. */
    Handler signedIn(Permission permission, Page page) {
        return ctx -> {
            headers(ctx);
            if (!sizeOk(ctx)) {
                return;
            }
            try {
                checked(ctx, permission, page);
            } catch (RuntimeException e) {
                refused(ctx, null, e);
            }
        };
    }

    /** Signed in, the form's token, the role's permission: then the page. */
    private void checked(Context ctx, Permission permission, Page page) {
        Session session = session(ctx).filter(Session::signedIn).orElse(null);
        if (session == null) {
            if (ctx.method() == HandlerType.GET) {
                ctx.redirect("/workbench/login", io.javalin.http.HttpStatus.SEE_OTHER);
            } else {
                View.error(ctx, null, 401, "Please sign in", "Your session has ended or you have not signed in. Sign in and try again.");
            }
            return;
        }
        if (!csrfOk(ctx, session)) {
            return;
        }
        if (!session.role().may(permission)) {
            View.error(ctx, session, 403, "Not allowed", "Your role (" + session.role().key() + ") may not do this.");
            return;
        }
        guarded(ctx, session, page);
    }

    /** A POST says its length and keeps within the bound, before anything reads its body; otherwise 411 or 413 and false. */
    private static boolean sizeOk(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return true;
        }
        long length = ctx.contentLength();
        if (length < 0) {
            View.error(ctx, null, 411, "Length required", "A form must say its length.");
            return false;
        }
        if (length > MAX_FORM_BYTES) {
            org.massageadvisor.web.Bodies.discardBeforeRefusing(ctx, length);
            View.error(ctx, null, 413, "Too large", "The form is larger than the workbench accepts (" + MAX_FORM_BYTES + " bytes).");
            return false;
        }
        return true;
    }

    /** The live session of the request's cookie, if its user still exists with the same role. */
    Optional<Session> session(Context ctx) {
        Optional<Session> found = web.sessions.find(ctx.cookie(COOKIE));
        if (found.isPresent() && found.get().signedIn()) {
            Session s = found.get();
            Optional<User> user = web.users.find(s.user());
            if (user.isEmpty() || user.get().role() != s.role()) {
                web.sessions.end(s.id());
                return Optional.empty();
            }
        }
        return found;
    }

    /** On a POST, the form's CSRF token must be this session's; otherwise 403 and false. */
    static boolean csrfOk(Context ctx, Session session) {
        if (ctx.method() == HandlerType.POST && (session == null || !Sessions.csrfMatches(session, ctx.formParam(CSRF_FIELD)))) {
            View.error(ctx, session, 403, "Form expired",
                    "This form's security token is missing or does not match your session. Reload the page and try again.");
            return false;
        }
        return true;
    }

    static void setCookie(Context ctx, Session session) {
        ctx.cookie(new Cookie(COOKIE, session.id(), "/workbench", -1, false, true, null, SameSite.STRICT));
    }

    static void clearCookie(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/workbench", 0, false, true, null, SameSite.STRICT));
    }

    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private static void guarded(Context ctx, Session session, Page page) {
        try {
            page.handle(ctx, session);
        } catch (Exception e) {
            refused(ctx, session, e);
        }
    }

    /** Every failure as a status and a readable page; a stack trace only ever reaches the log. */
    private static void refused(Context ctx, Session session, Exception e) {
        if (e instanceof WorkbenchException w) {
            View.error(ctx, session, status(w.reason()), title(w.reason()), w.getMessage());
        } else if (e instanceof BadForm) {
            View.error(ctx, session, 400, "Bad request", e.getMessage());
        } else if (e instanceof HttpResponseException h && h.getStatus() < 500) {
            View.error(ctx, session, h.getStatus(), h.getMessage(), "The request was refused: " + h.getMessage() + ".");
        } else {
            LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
            View.error(ctx, session, 500, "Something went wrong", "An internal error occurred; it has been logged. Nothing was changed by it.");
        }
    }


    static int status(WorkbenchException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case FORBIDDEN_PATH, INVALID -> 400;
            case SELF_APPROVAL -> 403;
            case CONFLICT, NOT_PENDING -> 409;
            case CHECK_FAILED -> 422;
        };
    }

    private static String title(WorkbenchException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN_PATH -> "Not a rules file";
            case INVALID -> "Bad request";
            case SELF_APPROVAL -> "You cannot approve your own proposal";
            case CONFLICT -> "The rules changed meanwhile";
            case NOT_PENDING -> "Already decided";
            case CHECK_FAILED -> "The check fails";
        };
    }

    /** A malformed form (400), with a message for the page. */
    static final class BadForm extends RuntimeException {
        BadForm(String message) {
            super(message);
        }
    }
}
