package vn.lienthong.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.lienthong.pipeline.TestGatewayAccess;

/** A real gateway with stuck-after PT1S (checked every second) and an HTTP client for its dashboard. */
final class DashboardFixture implements AutoCloseable {
    static final String SENDER = "000.00.13.H41";      // Sở TT&TT, drop folders
    static final String RECEIVER = "000.00.05.H41";    // Sở Nội vụ, drop folders: gets the document, never answers
    static final String OPERATOR = "operator";
    static final String PASSWORD = "demo-operator-pass"; // config/demo-credentials.yaml
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final TestGatewayAccess gw;
    final String base;

    DashboardFixture(Path home) throws Exception {
        this(home, null);
    }

    /** @param databaseUrl a PostgreSQL database (user postgres), or null for H2 */
    DashboardFixture(Path home, String databaseUrl) throws Exception {
        gw = TestGatewayAccess.start(home, h -> {
            Path settings = h.resolve("config/gateway.yaml");
            String yaml = Files.readString(settings).replace("stuck-after: PT24H", "stuck-after: PT1S")
                    .replace("check-every: PT1H", "check-every: PT1S");
            if (databaseUrl != null) {
                yaml = yaml.replace("url: ${LIENTHONG_DB_URL:}", "url: " + databaseUrl).replace("user: ${LIENTHONG_DB_USER:sa}", "user: postgres");
            }
            Files.writeString(settings, yaml);
        });
        base = "http://127.0.0.1:" + gw.httpPort();
    }

    /** The demo package as a new document from the Sở TT&TT to the Sở Nội vụ. */
    static byte[] document(String documentId) throws Exception {
        return Files.readString(Path.of("demo/edoc_new.edxml"))
                .replace("<edXML:DocumentId>000.00.13.H41-2026.1</edXML:DocumentId>", "<edXML:DocumentId>" + documentId + "</edXML:DocumentId>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a document file → file and waits for its 01 back at the sender. */
    void sendAndAwaitArrival(String documentId) throws Exception {
        gw.drop(SENDER, documentId + ".edxml", document(documentId));
        gw.awaitFile(SENDER, "status", ">01<");
        gw.awaitFile(RECEIVER, "inbox", documentId);
    }

    HttpResponse<String> login(String username, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Logs in and returns the "name=value" session cookie. */
    String session() throws Exception {
        HttpResponse<String> r = login(OPERATOR, PASSWORD);
        if (r.statusCode() != 303) throw new AssertionError("login: " + r.statusCode() + " " + r.body());
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode json(String path, String cookie) throws Exception {
        HttpResponse<String> r = get(path, cookie);
        if (r.statusCode() != 200) throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        gw.close();
    }
}
