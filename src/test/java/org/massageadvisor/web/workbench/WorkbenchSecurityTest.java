package org.massageadvisor.web.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.users.Role;
import org.massageadvisor.users.UserStore;

/**
 * Every guard of the workbench over real HTTP: no session, wrong role, missing or wrong CSRF token,
 * a path outside the rules folder, self-approval, login throttling, the session cookie's attributes,
 * the security headers, and passwords never stored in clear.
 */
class WorkbenchSecurityTest {

    private static final Pattern PROPOSAL = Pattern.compile("/workbench/proposals/(\\d+)");

    @TempDir
    static Path tmp;

    private static WorkbenchServer wb;
    private static Path rules;

    @BeforeAll
    static void start() throws IOException {
        rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        wb = WorkbenchServer.start(rules, tmp.resolve("state"), List.of(), null, java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws IOException {
        if (wb != null) {
            wb.close();
        }
    }

    private static String someDrlFile() {
        return "self-care-tips.drl";
    }

    private static Map<String, String> draftOf(String file) throws IOException {
        return Map.of("path", file, "content", Files.readString(rules.resolve(file)), "base", wb.workbench.rulesetVersion());
    }

    @Test
    void withoutASessionAPageRedirectsToTheLoginAndAFormIsRefused() throws Exception {
        HttpUser nobody = new HttpUser(wb.url());
        HttpResponse<String> page = nobody.get("/workbench");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/workbench/login");
        assertThat(nobody.get("/workbench/history").statusCode()).isEqualTo(303);
        assertThat(nobody.postRaw("/workbench/check", draftOf(someDrlFile())).statusCode()).isEqualTo(401);
        assertThat(nobody.postRaw("/workbench/proposals/1/approve", Map.of()).statusCode()).isEqualTo(401);
        // A made-up session id is no session.
        nobody.cookie = "A".repeat(43);
        assertThat(nobody.get("/workbench").statusCode()).isEqualTo(303);
    }

    @Test
    void theEvaluationApiNeedsNoLogin() throws Exception {
        HttpUser nobody = new HttpUser(wb.url());
        assertThat(nobody.get("/health").statusCode()).isEqualTo(200);
        assertThat(nobody.get("/v1/ruleset").statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteStrictOnTheWorkbenchPathAndRandom() throws Exception {
        HttpUser u = new HttpUser(wb.url());
        HttpResponse<String> form = u.get("/workbench/login");
        String anonymous = u.cookie;
        HttpResponse<String> r = u.post("/workbench/login", Map.of("name", "alice", "password", WorkbenchServer.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/workbench");
        // 256 random bits in base64url; a new id after signing in (no session fixation).
        assertThat(u.cookie).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(anonymous);
        assertThat(form.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly");
        HttpUser stale = new HttpUser(wb.url());
        stale.cookie = anonymous;
        assertThat(stale.get("/workbench").statusCode()).as("the pre-login session does not sign anyone in").isEqualTo(303);
    }

    @Test
    void workbenchPagesCarrySecurityHeaders() throws Exception {
        HttpUser alice = HttpUser.signedIn(wb.url(), "alice");
        HttpResponse<String> page = alice.get("/workbench");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("<style>").doesNotContain(" onclick=");
    }

    @Test
    void aRoleThatMayNotDoSomethingIsRefusedOnTheServer() throws Exception {
        HttpUser vera = HttpUser.signedIn(wb.url(), "vera");
        assertThat(vera.get("/workbench").statusCode()).isEqualTo(200);
        assertThat(vera.post("/workbench/check", draftOf(someDrlFile())).statusCode()).isEqualTo(403);
        assertThat(vera.post("/workbench/preview", draftOf(someDrlFile())).statusCode()).isEqualTo(403);
        Map<String, String> proposal = new java.util.HashMap<>(draftOf(someDrlFile()));
        proposal.put("message", "a viewer tries");
        assertThat(vera.post("/workbench/propose", proposal).statusCode()).isEqualTo(403);
        assertThat(vera.post("/workbench/proposals/1/approve", Map.of()).statusCode()).isEqualTo(403);
        assertThat(vera.post("/workbench/history/0123456789abcdef/revert", Map.of("message", "x")).statusCode()).isEqualTo(403);
        HttpUser alice = HttpUser.signedIn(wb.url(), "alice");
        assertThat(alice.post("/workbench/proposals/1/approve", Map.of()).statusCode()).isEqualTo(403);
        assertThat(alice.post("/workbench/proposals/1/reject", Map.of("reason", "no")).statusCode()).isEqualTo(403);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        HttpUser alice = HttpUser.signedIn(wb.url(), "alice");
        Map<String, String> draft = draftOf(someDrlFile());
        assertThat(alice.postRaw("/workbench/check", draft).statusCode()).as("no token").isEqualTo(403);
        Map<String, String> wrong = new java.util.HashMap<>(draft);
        wrong.put("csrf", "x".repeat(43));
        assertThat(alice.postRaw("/workbench/check", wrong).statusCode()).as("a wrong token").isEqualTo(403);
        HttpUser rita = HttpUser.signedIn(wb.url(), "rita");
        wrong.put("csrf", rita.csrf);
        assertThat(alice.postRaw("/workbench/check", wrong).statusCode()).as("another session's token").isEqualTo(403);
        assertThat(alice.postRaw("/workbench/logout", Map.of()).statusCode()).as("sign-out needs it too").isEqualTo(403);
        HttpUser fresh = new HttpUser(wb.url());
        fresh.get("/workbench/login");
        assertThat(fresh.postRaw("/workbench/login", Map.of("name", "alice", "password", WorkbenchServer.PASSWORD)).statusCode())
                .as("the login form too").isEqualTo(403);
    }

    @Test
    void aPathOutsideTheRulesFolderIsABadRequest() throws Exception {
        HttpUser alice = HttpUser.signedIn(wb.url(), "alice");
        for (String path : List.of("../pom.xml", "/etc/passwd", "sub/../../x.drl", ".hidden.drl", "a\u0000.drl", "..", "goal-ranges.drl/..")) {
            Map<String, String> draft = Map.of("path", path, "content", "package x;\n", "base", "");
            assertThat(alice.post("/workbench/check", draft).statusCode()).as("check %s", path).isEqualTo(400);
            assertThat(alice.post("/workbench/preview", draft).statusCode()).as("preview %s", path).isEqualTo(400);
            assertThat(alice.get("/workbench/file?path=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8))
                    .statusCode()).as("open %s", path).isEqualTo(400);
        }
        assertThat(Files.exists(tmp.resolve("x.drl"))).isFalse();
    }

    @Test
    void nobodyApprovesTheirOwnProposal() throws Exception {
        HttpUser rita = HttpUser.signedIn(wb.url(), "rita");
        Map<String, String> proposal = new java.util.HashMap<>(draftOf(someDrlFile()));
        proposal.put("content", proposal.get("content") + "\n// wording reviewed\n");
        proposal.put("message", "Comment only: wording reviewed");
        HttpResponse<String> proposed = rita.post("/workbench/propose", proposal);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(303);
        Matcher m = PROPOSAL.matcher(proposed.headers().firstValue("Location").orElseThrow());
        assertThat(m.matches()).isTrue();
        String id = m.group(1);
        assertThat(rita.get("/workbench/proposals/" + id).body()).contains("id=\"own-proposal\"").doesNotContain("id=\"approve\"");
        HttpResponse<String> self = rita.post("/workbench/proposals/" + id + "/approve", Map.of());
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(wb.workbench.proposal(Long.parseLong(id)).orElseThrow().state().name()).isEqualTo("PROPOSED");
        HttpUser rob = HttpUser.signedIn(wb.url(), "rob");
        assertThat(rob.post("/workbench/proposals/" + id + "/reject", Map.of("reason", "not needed")).statusCode()).isEqualTo(303);
        assertThat(rob.post("/workbench/proposals/" + id + "/approve", Map.of()).statusCode()).as("no longer pending").isEqualTo(409);
    }

    @Test
    void repeatedFailedLoginsAreRefusedWith429AndRetryAfter() throws Exception {
        wb.users.add("tess", Role.AUTHOR, WorkbenchServer.PASSWORD.toCharArray(), false);
        HttpUser u = new HttpUser(wb.url());
        for (int i = 0; i < LoginThrottle.FREE_PER_USER; i++) {
            assertThat(u.login("tess", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = u.login("tess", WorkbenchServer.PASSWORD);
        assertThat(locked.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 900L));
        assertThat(locked.body()).contains("Too many failed sign-ins");
    }

    @Test
    void aRemovedUsersSessionEndsAtTheirNextRequest() throws Exception {
        wb.users.add("gone", Role.VIEWER, WorkbenchServer.PASSWORD.toCharArray(), false);
        HttpUser gone = HttpUser.signedIn(wb.url(), "gone");
        assertThat(gone.get("/workbench").statusCode()).isEqualTo(200);
        wb.users.remove("gone");
        assertThat(gone.get("/workbench").statusCode()).isEqualTo(303);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        HttpUser vera = HttpUser.signedIn(wb.url(), "vera");
        String id = vera.cookie;
        assertThat(vera.post("/workbench/logout", Map.of()).statusCode()).isEqualTo(303);
        vera.cookie = id;
        assertThat(vera.get("/workbench").statusCode()).isEqualTo(303);
    }

    @Test
    void passwordsAreStoredAsBcryptHashesOnlyInAPrivateFile() throws IOException {
        Path file = tmp.resolve("state").resolve(UserStore.FILE);
        String text = Files.readString(file);
        assertThat(text).doesNotContain(WorkbenchServer.PASSWORD).doesNotContain("correct horse").contains("\"hash\" : \"$2a$");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void unknownAssetsAndHostileProposalIdsAreRefused() throws Exception {
        HttpUser alice = HttpUser.signedIn(wb.url(), "alice");
        assertThat(alice.get("/workbench/assets/..%2F..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(alice.get("/workbench/assets/codemirror.js").statusCode()).isEqualTo(200);
        assertThat(alice.get("/workbench/proposals/abc").statusCode()).isEqualTo(400);
        assertThat(alice.get("/workbench/proposals/999999").statusCode()).isEqualTo(404);
        assertThat(alice.post("/workbench/history/..%2F/revert", Map.of("message", "x")).statusCode()).isIn(400, 404);
    }

    @Test
    void aFormPastTheLimitsIsRefusedNotCrashedOn() throws Exception {
        HttpUser alice = HttpUser.signedIn(wb.url(), "alice");
        Map<String, String> huge = new java.util.HashMap<>(draftOf(someDrlFile()));
        huge.put("content", "x".repeat((int) Guard.MAX_FORM_BYTES + 1));
        assertThat(alice.post("/workbench/check", huge).statusCode()).isEqualTo(413);
        huge.put("content", "x".repeat(WorkbenchPages.MAX_TEXT + 1));
        assertThat(alice.post("/workbench/check", huge).statusCode()).isEqualTo(400);
        Map<String, String> grid = new java.util.HashMap<>(draftOf("goal-ranges.csv"));
        grid.remove("content");
        grid.put("rows", "100000");
        grid.put("cols", "3");
        assertThat(alice.post("/workbench/check", grid).statusCode()).isEqualTo(400);
    }

    @Test
    void whatUsersTypeIsEscapedOnThePages() throws Exception {
        HttpUser rita = HttpUser.signedIn(wb.url(), "rita");
        Map<String, String> proposal = new java.util.HashMap<>(draftOf("activity-level.drl"));
        proposal.put("content", proposal.get("content") + "\n// <b>comment</b>\n");
        proposal.put("message", "<script>alert('x')</script> & \"quotes\"");
        HttpResponse<String> proposed = rita.post("/workbench/propose", proposal);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(303);
        String page = rita.get(proposed.headers().firstValue("Location").orElseThrow()).body();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(")
                .doesNotContain("<b>comment</b>").contains("&lt;b&gt;comment&lt;/b&gt;");
        assertThat(rita.get("/workbench/proposals").body()).doesNotContain("<script>alert");
        HttpUser fresh = new HttpUser(wb.url());
        assertThat(fresh.login("<img src=x onerror=alert(1)>", "wrong password").body()).doesNotContain("<img src=x");
    }
}
