package org.massageadvisor.web.workbench;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The workbench's scripts and styles, served from the jar: CodeMirror from its WebJar and the
 * workbench's own. Only the names listed here exist; nothing else on the class path is reachable.
 */
final class Assets {

    private static final String CODEMIRROR = "/META-INF/resources/webjars/codemirror/" + codemirrorVersion();
    private static final String OWN = "/org/massageadvisor/web/workbench/assets";
    private static final Map<String, String> FILES = Map.of(
            "codemirror.js", CODEMIRROR + "/lib/codemirror.js",
            "codemirror.css", CODEMIRROR + "/lib/codemirror.css",
            "clike.js", CODEMIRROR + "/mode/clike/clike.js",
            "workbench.js", OWN + "/workbench.js",
            "workbench.css", OWN + "/workbench.css");

    private Assets() {
    }

    static void serve(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        String resource = FILES.get(name);
        InputStream in = resource == null ? null : Assets.class.getResourceAsStream(resource);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (in == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such asset");
            return;
        }
        try (in) {
            ctx.header("Cache-Control", "max-age=3600");
            ctx.contentType(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
            ctx.result(in.readAllBytes());
        }
    }

    /** The WebJar's version, from the Maven properties inside it (so the pom names it once). */
    private static String codemirrorVersion() {
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/codemirror/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "5.65.16");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
