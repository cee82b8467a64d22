package vn.lienthong.pipeline;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.pipeline.TestGateway.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.observe.LogFormat;
import vn.lienthong.validation.ReasonCode;

/**
 * Monitoring over real HTTP on the gateway's port: readiness follows the real PostgreSQL database
 * (connections refused, then allowed again), the Prometheus text counts packages in and out,
 * refusals by reason code and queue depths, and the JSON log switch of gateway.yaml gives one
 * parseable JSON object per event line.
 */
class MonitoringTest {
    static final String PG = System.getenv().getOrDefault("LIENTHONG_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir Path home;

    HttpResponse<String> get(TestGateway gw, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.httpPort() + path)).timeout(Duration.ofSeconds(15))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The value of the Prometheus sample {@code name} whose labels include all of {@code labels} ("k=v"), or NaN. */
    static double sample(String metrics, String name, String... labels) {
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
            boolean all = true;
            for (String l : labels) {
                String[] kv = l.split("=", 2);
                all &= line.contains(kv[0] + "=\"" + kv[1] + "\"");
            }
            if (all) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return Double.NaN;
    }

    static void sql(String database, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PG + database, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void readinessFollowsTheDatabaseAndMetricsCountPackagesAndRefusals() throws Exception {
        String db = "lienthong_observe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("postgres", "CREATE DATABASE " + db);
        TestGateway gw = null;
        try {
            gw = new TestGateway(home, PG + db);
            HttpResponse<String> ready = get(gw, "/observe/health/ready?exposureLevel=full");
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode checks = JSON.readTree(ready.body());
            assertEquals("UP", checks.get("status").asText());
            assertTrue(ready.body().contains("\"name\":\"broker\",\"status\":\"UP\""), ready.body());
            assertTrue(ready.body().contains("\"name\":\"database\",\"status\":\"UP\""), ready.body());
            assertTrue(ready.body().contains("\"name\":\"national-axis\",\"status\":\"UP\""), ready.body()); // not configured = ready
            assertEquals(200, get(gw, "/observe/health/live").statusCode());

            // a package file → file, a refusal at intake (unknown receiver), a refusal when recorded (conflicting duplicate)
            gw.drop(SENDER, "edoc_new.edxml", demo().getBytes(StandardCharsets.UTF_8));
            TestGateway finalGw = gw;
            await("delivery and 01", () -> finalGw.files(RECEIVER, "inbox", ".edxml").size() == 1
                    && finalGw.files(SENDER, "status", ".edxml").size() == 1);
            gw.drop(RECEIVER, "accepted.edxml", status(RECEIVER, "000.00.13.H41-2026.1", "03"));   // the receiver answers
            await("03 relayed to the sender", () -> finalGw.files(SENDER, "status", ".edxml").stream()
                    .anyMatch(p -> p.getFileName().toString().startsWith("status_03")));
            gw.drop(SENDER, "stranger.edxml", demo("000.00.13.H41-2026.7").replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>",
                    "<edXML:OrganId>000.00.77.H41</edXML:OrganId>").getBytes(StandardCharsets.UTF_8));
            gw.drop(SENDER, "conflict.edxml", demo().replace("<edXML:Subject>", "<edXML:Subject>Khác: ").getBytes(StandardCharsets.UTF_8));
            await("two 02 statuses", () -> finalGw.files(SENDER, "status", ".edxml").stream()
                    .filter(p -> p.getFileName().toString().startsWith("status_02")).count() == 2);

            String metrics = get(gw, "/observe/metrics").body();
            // the conflicting duplicate passes intake and is refused when recorded
            assertEquals(2.0, sample(metrics, "lienthong_packages_in_total", "agency=" + SENDER, "adapter=file", "kind=document",
                    "outcome=accepted"), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_packages_in_total", "agency=" + SENDER, "adapter=file", "outcome=refused"), 0);
            assertEquals(1.0, sample(metrics, "lienthong_packages_out_total", "agency=" + RECEIVER, "adapter=file", "kind=document"), 0);
            assertEquals(1.0, sample(metrics, "lienthong_packages_in_total", "agency=" + RECEIVER, "kind=status"), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_packages_out_total", "agency=" + SENDER, "adapter=file", "kind=status"), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_refusals_total", "reason=" + ReasonCode.UNKNOWN_RECEIVER.code(),
                    "agency=" + SENDER), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_refusals_total", "reason=" + ReasonCode.DUPLICATE_CONFLICT.code()), 0, metrics);
            assertEquals(3.0, sample(metrics, "lienthong_intake_seconds_count", "adapter=file", "outcome=accepted"), 0, metrics);
            assertTrue(sample(metrics, "lienthong_intake_seconds_bucket", "adapter=file", "outcome=accepted", "le=+Inf") >= 1, metrics);
            assertEquals(4.0, sample(metrics, "lienthong_record_seconds_count"), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_delivery_seconds_count", "adapter=file", "kind=document"), 0, metrics);
            assertEquals(0.0, sample(metrics, "lienthong_queue_depth", "queue=lienthong.inbound"), 0, metrics);
            assertEquals(0.0, sample(metrics, "lienthong_queue_depth", "queue=lienthong.agency." + RECEIVER), 0, metrics);
            assertTrue(metrics.contains("camel_exchanges_total"), "Camel's own route meters are served too");

            // the database refuses connections and drops the gateway's: not ready (503), still alive
            sql("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
            sql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db + "'");
            HttpResponse<String> down = get(gw, "/observe/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("DOWN", JSON.readTree(down.body()).get("status").asText());
            assertTrue(down.body().contains("\"name\":\"database\",\"status\":\"DOWN\""), down.body());
            assertFalse(down.body().contains("\"name\":\"broker\",\"status\":\"DOWN\""), down.body());
            assertEquals(200, get(gw, "/observe/health/live").statusCode(), "liveness does not depend on the database");

            // back again: ready again without a restart
            sql("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            int status;
            do {
                Thread.sleep(500);
                status = get(gw, "/observe/health/ready").statusCode();
            } while (status != 200 && System.nanoTime() < deadline);
            assertEquals(200, status, "ready again once the database is back");
        } finally {
            if (gw != null) gw.close();
            sql("postgres", "ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            sql("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    @Test
    void deadLetterIsCountedAndTheParkedMessageShowsInTheQueueDepth() throws Exception {
        try (TestGateway gw = new TestGateway(home, null)) {
            Path inbox = gw.folder(OTHER, "inbox");
            Files.createDirectories(inbox.getParent());
            Files.writeString(inbox, "not a folder");                 // the agency's inbox cannot be written
            String both = demo().replace("<edXML:To>", "<edXML:To><edXML:OrganId>" + OTHER + "</edXML:OrganId></edXML:To><edXML:To>");
            gw.drop(SENDER, "both.edxml", both.getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String metrics;
            do {
                Thread.sleep(200);
                metrics = get(gw, "/observe/metrics").body();
            } while (sample(metrics, "lienthong_queue_depth", "queue=lienthong.parked") != 1.0 && System.nanoTime() < deadline);
            assertEquals(1.0, sample(metrics, "lienthong_dead_letters_total", "agency=" + OTHER,
                    "queue=lienthong.agency." + OTHER), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_queue_depth", "queue=lienthong.parked"), 0, metrics);
            assertEquals(1.0, sample(metrics, "lienthong_packages_out_total", "agency=" + RECEIVER), 0, "the other receiver got it");
            assertTrue(Double.isNaN(sample(metrics, "lienthong_packages_out_total", "agency=" + OTHER)), "nothing reached it: " + metrics);
        }
    }

    @Test
    void jsonLogFormatGivesOneParseableObjectPerEvent() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        TestGateway gw = null;
        try {
            gw = new TestGateway(home, null, h -> {
                Path settings = h.resolve("config/gateway.yaml");
                Files.writeString(settings, Files.readString(settings).replace("log-format: ${LIENTHONG_LOG_FORMAT:text}", "log-format: json"));
                // the installation's own logging configuration, as bin/lienthong uses it
                Configurator.reconfigure(h.resolve("config/log4j2.xml").toUri());
            });
            TestGateway finalGw = gw;
            gw.drop(SENDER, "edoc_new.edxml", demo().getBytes(StandardCharsets.UTF_8));
            await("delivery", () -> finalGw.files(RECEIVER, "inbox", ".edxml").size() == 1);
            await("delivered event logged", () -> captured.toString(StandardCharsets.UTF_8).contains("\"event\":\"delivered\""));
        } finally {
            if (gw != null) gw.close();
            System.setOut(original);
            System.clearProperty(LogFormat.PROPERTY);
            Configurator.reconfigure(MonitoringTest.class.getResource("/log4j2-test.xml").toURI());
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.contains("lienthong.events")) continue;
            JsonNode n = JSON.readTree(line);            // every event line is one JSON object
            events.add(n);
        }
        JsonNode received = events.stream().filter(e -> "received".equals(e.path("event").asText())).findFirst().orElseThrow();
        assertEquals("000.00.13.H41-2026.1", received.get("document").asText(), received.toString());
        assertEquals(SENDER, received.get("from").asText());
        assertEquals(RECEIVER, received.get("to").asText());
        assertEquals("file", received.get("adapter").asText());
        assertEquals("accepted", received.get("outcome").asText());
        assertEquals("INFO", received.get("level").asText());
        Matcher time = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+07:00").matcher(received.get("time").asText());
        assertTrue(time.matches(), received.toString());
        JsonNode delivered = events.stream().filter(e -> "delivered".equals(e.path("event").asText())).findFirst().orElseThrow();
        assertEquals("000.00.13.H41-2026.1", delivered.get("document").asText());
        assertEquals(RECEIVER, delivered.get("to").asText());
        assertTrue(delivered.get("message").asText().startsWith("delivered document=000.00.13.H41-2026.1"), delivered.toString());
    }

    /** Writes to the console and keeps a copy. */
    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final ByteArrayOutputStream b;

        TeeStream(java.io.OutputStream a, ByteArrayOutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
