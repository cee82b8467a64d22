package vn.lienthong.axis;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.adapter.vdxp.VdxpAuthenticator;
import vn.lienthong.adapter.vdxp.VdxpRequest;
import vn.lienthong.adapter.vdxp.VdxpResponses;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;

/**
 * The connector against a real local HTTP server that misbehaves in every way the national axis might
 * (R18): each failure kind is classified, retried with backoff when it may pass (timeout, unreachable,
 * 5xx, malformed answer) and given up at once when it will not (4xx, HMAC refused, package refused),
 * with the last error kept for the dead-letter address.
 */
class AxisFailureTest {
    static final String SYSTEM = "000.00.99.H41";
    static final String SECRET = "axis-test-secret";
    static final byte[] EDXML = "<edXML><edXMLEnvelope><edXMLHeader><MessageHeader/></edXMLHeader></edXMLEnvelope></edXML>"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;
    HttpServer server;
    String endpoint;
    TrackingStore store;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile Behaviour behaviour = Behaviour.OK;

    enum Behaviour { OK, SLOW, HTTP_404, HTTP_503, HTML, MISSING_KEYS, NO_DOC_ID, PACKAGE_REFUSED }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/vdxp", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/vdxp";
        store = new TrackingStore(TrackingStore.h2Url(dir), "sa", "", 2);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        store.close();
    }

    /** The axis: checks the HMAC as the real one does; misbehaves as told (for {@code failuresLeft} calls, or always). */
    void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>(ex.getRequestHeaders());
        VdxpRequest req = VdxpRequest.of(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, body);
        calls.add(req.operation().map(Enum::name).orElse("?"));
        VdxpAuthenticator.Result auth = new VdxpAuthenticator(id -> SYSTEM.equals(id) ? Optional.of(SECRET) : Optional.empty()).verify(req);
        Behaviour b = failuresLeft.get() > 0 || failuresLeft.get() < 0 ? behaviour : Behaviour.OK;
        if (failuresLeft.get() > 0) failuresLeft.decrementAndGet();
        if (auth.failed()) {
            reply(ex, 200, VdxpResponses.fail("401", "authentication failed: " + auth.reason().map(Enum::name).orElse("?")));
            return;
        }
        switch (b) {
            case SLOW -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(ex, 200, VdxpResponses.sendEdocOk("late"));
            }
            case HTTP_404 -> reply(ex, 404, "<html>Not Found</html>");
            case HTTP_503 -> reply(ex, 503, "<html>Service Unavailable</html>");
            case HTML -> reply(ex, 200, "<html><body>Maintenance</body></html>");
            case MISSING_KEYS -> reply(ex, 200, "{\"status\":\"OK\"}");
            case NO_DOC_ID -> reply(ex, 200, "{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\"}");
            case PACKAGE_REFUSED -> reply(ex, 200, VdxpResponses.sendEdocFail("E302", "unknown receiver"));
            default -> {
                String op = req.operation().map(Enum::name).orElse("");
                switch (op) {
                    case "SEND_EDOC" -> reply(ex, 200, VdxpResponses.sendEdocOk("axis-" + calls.size()));
                    case "GET_RECEIVED_EDOC_LIST" -> reply(ex, 200, VdxpResponses.receivedEdocList(List.of(new VdxpResponses.ReceivedEdoc(
                            "77", "eDoc", "edoc", "2026-11-21T09:00:00+07:00", null, "000.00.05.H42", SYSTEM, "initial", null))));
                    case "GET_EDOC" -> reply(ex, 200, VdxpResponses.edoc(EDXML));
                    default -> reply(ex, 200, VdxpResponses.ok());
                }
            }
        }
    }

    static void reply(HttpExchange ex, int code, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    AxisClient client(String secret) {
        return new AxisClient(endpoint, SYSTEM, secret, Duration.ofMillis(1000), Duration.ofMillis(1500), Clock.systemUTC());
    }

    AxisOutbound outbound(String secret, int maxAttempts) {
        return new AxisOutbound(client(secret), store, Routing.localOnly(new AgencyRegistry(List.of())), SYSTEM,
                new Backoff(20, 2.0, 100, 0.5), maxAttempts, Clock.systemUTC());
    }

    AxisOutbound.Parcel parcel(long pkg) {
        return new AxisOutbound.Parcel("000.00.05.H42", "DOCUMENT", pkg, null, EDXML, "doc:" + pkg + ":000.00.05.H42");
    }

    AxisException.Kind kindOf(Behaviour b) {
        behaviour = b;
        failuresLeft.set(-1);
        AxisException e = assertThrows(AxisException.class, () -> client(SECRET).sendEdoc(EDXML, false, List.of("000.00.05.H42")));
        return e.kind();
    }

    @Test
    void everyOperationWorksAgainstAWellBehavedAxis() throws Exception {
        AxisClient c = client(SECRET);
        assertTrue(c.sendEdoc(EDXML, false, List.of("000.00.05.H42")).startsWith("axis-"));
        List<AxisClient.Received> items = c.receivedList(false);
        assertEquals(1, items.size());
        assertEquals("77", items.get(0).docId());
        assertArrayEquals(EDXML, c.getEdoc("77"));
        c.updateStatus("77", "done");
        assertEquals(List.of("SEND_EDOC", "GET_RECEIVED_EDOC_LIST", "GET_EDOC", "UPDATE_STATUS"), calls);
    }

    @Test
    void eachFailureIsClassified() {
        assertEquals(AxisException.Kind.TIMEOUT, kindOf(Behaviour.SLOW));
        assertEquals(AxisException.Kind.CLIENT_ERROR, kindOf(Behaviour.HTTP_404));
        assertEquals(AxisException.Kind.SERVER_ERROR, kindOf(Behaviour.HTTP_503));
        assertEquals(AxisException.Kind.MALFORMED, kindOf(Behaviour.HTML));
        assertEquals(AxisException.Kind.MALFORMED, kindOf(Behaviour.MISSING_KEYS));
        assertEquals(AxisException.Kind.MALFORMED, kindOf(Behaviour.NO_DOC_ID));
        assertEquals(AxisException.Kind.REFUSED, kindOf(Behaviour.PACKAGE_REFUSED));
        behaviour = Behaviour.OK;
        AxisException bad = assertThrows(AxisException.class, () -> client("wrong-secret").sendEdoc(EDXML, false, List.of()));
        assertEquals(AxisException.Kind.AUTH_REFUSED, bad.kind(), bad.getMessage());
        assertTrue(bad.getMessage().contains("axis.secret"), "the operator is told what to check: " + bad.getMessage());
        server.stop(0);
        AxisException down = assertThrows(AxisException.class, () -> client(SECRET).receivedList(false));
        assertEquals(AxisException.Kind.UNREACHABLE, down.kind(), down.getMessage());
    }

    @Test
    void passingFailuresAreRetriedUntilTheAxisAnswers() throws Exception {
        for (Behaviour b : List.of(Behaviour.SLOW, Behaviour.HTTP_503, Behaviour.HTML, Behaviour.MISSING_KEYS)) {
            calls.clear();
            behaviour = b;
            failuresLeft.set(2);
            long pkg = 100 + b.ordinal();
            String remote = outbound(SECRET, 5).send(parcel(pkg));
            assertTrue(remote.startsWith("axis-"), b + " → " + remote);
            assertEquals(3, calls.size(), b + ": two failures, then sent");
            assertEquals(3, (int) store.inTransaction(c -> Jdbc.one(c, "SELECT attempts FROM axis_outbound WHERE send_key = ?",
                    rs -> rs.getInt(1), "doc:" + pkg).orElseThrow()));
            // sent once: the same package again (another receiver, a replay) is not sent a second time
            outbound(SECRET, 5).send(parcel(pkg));
            assertEquals(3, calls.size(), b + ": not sent twice");
        }
    }

    @Test
    void permanentFailuresGiveUpAtOnceAndPassingOnesAtTheLimit() {
        List<String> errors = new ArrayList<>();
        for (Behaviour b : List.of(Behaviour.HTTP_404, Behaviour.PACKAGE_REFUSED)) {
            calls.clear();
            behaviour = b;
            failuresLeft.set(-1);
            AxisOutbound.GiveUp g = assertThrows(AxisOutbound.GiveUp.class, () -> outbound(SECRET, 5).send(parcel(200 + b.ordinal())));
            assertEquals(1, g.attempts(), b + " is not retried");
            assertEquals(1, calls.size());
            errors.add(g.getMessage());
        }
        calls.clear();
        behaviour = Behaviour.OK;
        AxisOutbound.GiveUp hmac = assertThrows(AxisOutbound.GiveUp.class, () -> outbound("wrong-secret", 5).send(parcel(300)));
        assertEquals(1, hmac.attempts(), "a refused HMAC is not retried");
        assertTrue(hmac.getMessage().contains("AUTH_REFUSED"), hmac.getMessage());
        calls.clear();
        behaviour = Behaviour.HTTP_503;
        failuresLeft.set(-1);
        AxisOutbound.GiveUp limit = assertThrows(AxisOutbound.GiveUp.class, () -> outbound(SECRET, 4).send(parcel(301)));
        assertEquals(4, limit.attempts());
        assertEquals(4, calls.size(), "retried up to axis.max-attempts");
        assertTrue(limit.getMessage().contains("HTTP 503"), "the last error goes with the dead letter: " + limit.getMessage());
        assertTrue(errors.get(0).contains("HTTP 404") && errors.get(1).contains("E302"), errors.toString());
        String kept = store.inTransaction(c -> Jdbc.one(c, "SELECT last_error FROM axis_outbound WHERE send_key = 'doc:301'",
                rs -> rs.getString(1)).orElseThrow());
        assertTrue(kept.contains("HTTP 503"), kept);
    }

    @Test
    void backoffGrowsToItsLimitWithJitter() {
        Backoff b = new Backoff(1000, 2.0, 5000, 0.2);
        assertEquals(1000, b.baseMs(1));
        assertEquals(2000, b.baseMs(2));
        assertEquals(4000, b.baseMs(3));
        assertEquals(5000, b.baseMs(4));
        assertEquals(5000, b.baseMs(30));
        for (int i = 0; i < 200; i++) {
            long d = b.delayMs(2);
            assertTrue(d >= 1600 && d <= 2400, "±20 %: " + d);
        }
        assertNotEquals(1, java.util.stream.IntStream.range(0, 50).mapToLong(i -> b.delayMs(3)).distinct().count(), "jitter spreads the waits");
    }

    @Test
    void traceHeaderIsAppendedOnceAndSignedPackagesAreLeftAlone() {
        var at = java.time.OffsetDateTime.parse("2026-11-21T09:15:00+07:00");
        String doc = "<edXML xmlns:edXML=\"x\"><edXML:edXMLHeader><edXML:MessageHeader/><edXML:TraceHeaderList>"
                + "<edXML:TraceHeader><edXML:OrganId>A</edXML:OrganId></edXML:TraceHeader></edXML:TraceHeaderList></edXML:edXMLHeader></edXML>";
        String out = new String(TraceStamp.stamp(doc.getBytes(StandardCharsets.UTF_8), SYSTEM, at), StandardCharsets.UTF_8);
        assertTrue(out.contains("<edXML:TraceHeader><edXML:OrganId>" + SYSTEM + "</edXML:OrganId><edXML:Timestamp>2026/11/21 09:15:00"
                + "</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>"), out);
        String none = "<edXML><edXMLHeader><MessageHeader><x/></MessageHeader></edXMLHeader></edXML>";
        assertTrue(new String(TraceStamp.stamp(none.getBytes(StandardCharsets.UTF_8), SYSTEM, at), StandardCharsets.UTF_8)
                .contains("</MessageHeader><TraceHeaderList><TraceHeader><OrganId>" + SYSTEM));
        byte[] signed = (doc.replace("</edXML:edXMLHeader>", "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/></edXML:edXMLHeader>"))
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(signed, TraceStamp.stamp(signed, SYSTEM, at), "an XML-DSig over the whole package must stay valid");
        byte[] qcvn = doc.replace("</edXML:edXMLHeader>", "<Signature><SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#rsa-sha1\"/>"
                + "</Signature></edXML:edXMLHeader>").getBytes(StandardCharsets.UTF_8);
        assertFalse(java.util.Arrays.equals(qcvn, TraceStamp.stamp(qcvn, SYSTEM, at)), "a QCVN-namespaced signature is stamped (it is not trusted anyway)");
    }
}
