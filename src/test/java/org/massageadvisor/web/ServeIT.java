package org.massageadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/advisor.jar serve} as users run it: it prints its address once it accepts
 * requests, answers, and on SIGTERM finishes the request in flight before it exits.
 */
class ServeIT {

    private static final String PROFILE = "{\"goal\":\"RELAXATION\",\"massageType\":\"SWEDISH\",\"activityLevel\":\"SEDENTARY\"}\n";

    @TempDir
    Path tmp;

    @Test
    void servesPrintsItsAddressAndDrainsTheRequestInFlightOnSigterm() throws Exception {
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "advisor.jar").toString(), "serve", "--port", "0")
                .redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(180, TimeUnit.SECONDS);
            assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
            URI base = URI.create(first.substring("listening on ".length()));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"UP\",\"rulesetVersion\":\"sha256:");

            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream req = socket.getOutputStream();
                req.write(("POST /v1/recommendations/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                chunk(req, PROFILE);
                req.flush();
                HttpClient http = HttpClient.newHttpClient();
                // Counting itself, the metrics request sees two requests in flight once the batch is being handled.
                RunningService.await(java.time.Duration.ofSeconds(60), "the batch request in flight", () -> {
                    try {
                        return http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                                .body().contains("http_server_requests_active 2.0");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                // The request is in flight (its body is not finished) when the service is told to stop.
                p.destroy();
                chunk(req, PROFILE);
                chunk(req, PROFILE);
                req.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                req.flush();
                List<String> answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
                assertThat(answer.get(0)).isEqualTo("HTTP/1.1 200 OK");
                assertThat(answer.stream().filter(l -> l.startsWith("{\"id\":\"record-"))).hasSize(3);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            // The start-up warm-up ran, and ended with the service, quietly.
            assertThat(Files.readString(err)).contains("warm-up: ").doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            p.destroyForcibly();
        }
    }

    private static void chunk(OutputStream out, String text) throws java.io.IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
