package org.massageadvisor.web.workbench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A person at the workbench over real HTTP: keeps the session cookie and the last page's CSRF token; follows no redirect. */
final class HttpUser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(Guard.COOKIE + "=([^;]*)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    String cookie;
    String csrf;

    HttpUser(String base) {
        this.base = base;
    }

    /** Opens the login form and signs in; fails unless the answer is the redirect to the workbench. */
    static HttpUser signedIn(String base, String name) throws IOException, InterruptedException {
        HttpUser u = new HttpUser(base);
        HttpResponse<String> r = u.login(name, WorkbenchServer.PASSWORD);
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-in of " + name + " answered " + r.statusCode() + ": " + r.body());
        }
        u.get("/workbench");
        return u;
    }

    HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
        get("/workbench/login");
        return post("/workbench/login", Map.of("name", name, "password", password));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts the form with this user's CSRF token added (unless the form has a "csrf" entry of its own). */
    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (csrf != null) {
            fields.put("csrf", csrf);
        }
        fields.putAll(form);
        fields.values().removeIf(v -> v == null);
        return postRaw(path, fields);
    }

    /** Posts exactly these fields. */
    HttpResponse<String> postRaw(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return remember(http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (cookie != null) {
            b.header("Cookie", Guard.COOKIE + "=" + cookie);
        }
        return b;
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
        r.headers().allValues("Set-Cookie").forEach(h -> {
            Matcher m = COOKIE.matcher(h);
            if (m.find()) {
                cookie = m.group(1).isEmpty() ? null : m.group(1);
            }
        });
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }
}
