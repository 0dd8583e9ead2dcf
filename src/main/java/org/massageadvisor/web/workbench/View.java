package org.massageadvisor.web.workbench;

import com.github.mustachejava.DefaultMustacheFactory;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.massageadvisor.explain.Templates;

/** Renders a workbench page: its template (HTML-escaped by default) with the values every page shows. */
final class View {

    private static final Templates TEMPLATES = new Templates(new DefaultMustacheFactory("org/massageadvisor/web/workbench"));

    private View() {
    }

    /** The values of the page frame: title, the signed-in user (if any), the CSRF token for its forms. */
    static Map<String, Object> page(String title, Session session) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", title);
        if (session != null) {
            page.put("csrf", session.csrf());
            if (session.signedIn()) {
                page.put("user", Map.of("name", session.user(), "role", session.role().key()));
            }
        }
        return page;
    }

    static void render(Context ctx, int status, String template, Map<String, Object> page) {
        ctx.status(status).html(TEMPLATES.render(template, page));
    }

    /** A readable error page (forms are not an API: no JSON here). */
    static void error(Context ctx, Session session, int status, String title, String detail) {
        Map<String, Object> page = page(title, session);
        page.put("status", status);
        page.put("detail", detail);
        render(ctx, status, "error", page);
    }
}
