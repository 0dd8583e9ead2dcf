package org.massageadvisor.web.workbench;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import org.massageadvisor.users.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing in and out. The login form has its own (anonymous) session so that it, too, carries a CSRF token. */
final class Login {

    private static final Logger LOG = LoggerFactory.getLogger(Login.class);
    private static final int MAX_FIELD = 256;

    private final WorkbenchWeb web;

    Login(WorkbenchWeb web) {
        this.web = web;
    }

    void form(Context ctx, Session session) {
        if (session != null && session.signedIn()) {
            ctx.redirect("/workbench", HttpStatus.SEE_OTHER);
            return;
        }
        Session anonymous = session != null ? session : web.sessions.anonymous();
        Guard.setCookie(ctx, anonymous);
        show(ctx, anonymous, 200, null, "");
    }

    void submit(Context ctx, Session session) {
        if (!Guard.csrfOk(ctx, session)) {
            return;
        }
        String name = bounded(ctx.formParam("name"));
        String password = bounded(ctx.formParam("password"));
        String address = ctx.ip();
        long wait = web.throttle.retryAfter(name, address);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            show(ctx, session, 429, "Too many failed sign-ins: wait " + wait + " seconds and try again.", name);
            return;
        }
        Optional<User> user = web.users.authenticate(name, password);
        if (user.isEmpty()) {
            web.throttle.failed(name, address);
            LOG.warn("workbench: failed sign-in for '{}' from {}", name.replaceAll("\\p{Cntrl}", "?"), address);
            show(ctx, session, 401, "Wrong name or password.", name);
            return;
        }
        web.throttle.succeeded(name);
        Session signedIn = web.sessions.signIn(session.id(), user.get().name(), user.get().role());
        Guard.setCookie(ctx, signedIn);
        LOG.info("workbench: {} signed in ({})", user.get().name(), user.get().role().key());
        ctx.redirect("/workbench", HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx, Session session) {
        web.sessions.end(session.id());
        Guard.clearCookie(ctx);
        ctx.redirect("/workbench/login", HttpStatus.SEE_OTHER);
    }

    private static void show(Context ctx, Session session, int status, String error, String name) {
        Map<String, Object> page = View.page("Sign in to the workbench", session);
        page.put("error", error);
        page.put("name", name);
        View.render(ctx, status, "login", page);
    }

    private static String bounded(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > MAX_FIELD ? s.substring(0, MAX_FIELD) : s;
    }
}
