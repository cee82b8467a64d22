package vn.lienthong.axis;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.lienthong.adapter.vdxp.VdxpResponses;
import vn.lienthong.cli.Lienthong;
import vn.lienthong.pipeline.TestGatewayAccess;

/**
 * R18 dead letters: a package the national axis refuses for good (HTTP 404), or keeps failing past the
 * retry limit (HTTP 503), goes to the dead-letter address with its last error; its delivery and status
 * say so and the sender gets a 02 (E900). IT staff list, show, replay and discard it with
 * {@code bin/lienthong dlq} against the running gateway; every action is audited.
 */
@Timeout(120)
class DeadLetterTest {
    static final String SENDER = "000.00.13.H41";
    static final String REMOTE = "000.00.05.H42";
    static final String TOKEN = "demo-operator-token";
    @TempDir Path home;
    HttpServer axis;
    final AtomicReference<String> mode = new AtomicReference<>("404");
    final AtomicInteger sends = new AtomicInteger();
    TestGatewayAccess gw;

    @BeforeEach
    void start() throws Exception {
        axis = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        axis.createContext("/vdxp", ex -> {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            int code = 200;
            String body;
            if (path.endsWith("/sendEdoc")) {
                sends.incrementAndGet();
                switch (mode.get()) {
                    case "404" -> {
                        code = 404;
                        body = "<html>Not Found</html>";
                    }
                    case "503" -> {
                        code = 503;
                        body = "<html>Service Unavailable</html>";
                    }
                    default -> body = VdxpResponses.sendEdocOk("axis-" + sends.get());
                }
            } else {
                body = VdxpResponses.receivedEdocList(List.of());
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        axis.start();
        String endpoint = "http://127.0.0.1:" + axis.getAddress().getPort() + "/vdxp";
        gw = TestGatewayAccess.start(home, h -> Federation.edit(h.resolve("config/gateway.yaml"),
                "endpoint: ${LIENTHONG_AXIS_ENDPOINT:}", "endpoint: " + endpoint,
                "secret: ${LIENTHONG_AXIS_SECRET:}", "secret: s3cret",
                "retry-initial-ms: 1000", "retry-initial-ms: 50",
                "retry-max-ms: 300000", "retry-max-ms: 100",
                "max-attempts: 20", "max-attempts: 3"));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        axis.stop(0);
    }

    record Run(int exit, String out, String err) { }

    Run dlq(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Lienthong());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 5];
        all[0] = "dlq";
        all[1] = "--url";
        all[2] = "http://127.0.0.1:" + gw.httpPort();
        all[3] = "--token";
        all[4] = TOKEN;
        System.arraycopy(args, 0, all, 5, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    String state(String documentId) {
        return gw.sql("SELECT d.state FROM delivery d JOIN package p ON p.id = d.package_ref WHERE p.document_id = ? AND p.kind = 'DOCUMENT'"
                + " AND d.agency_id = ?", documentId, REMOTE);
    }

    void send(String documentId) throws Exception {
        gw.drop(SENDER, documentId + ".edxml", Federation.document(documentId, 0, 0)); // to a Hà Tĩnh agency: via the axis
    }

    static void await(String what, java.util.function.BooleanSupplier ok) throws InterruptedException {
        Federation.await(what, Duration.ofSeconds(30), ok);
    }

    @Test
    void deadLettersAreExplainedToldToTheSenderAndHandledFromTheCommandLine() throws Exception {
        send("000.00.13.H41-2026.81");
        await("dead-lettered", () -> "DEAD_LETTER".equals(state("000.00.13.H41-2026.81")));
        assertEquals(1, sends.get(), "a 404 is not retried");
        String reason = gw.sql("SELECT d.reason_text FROM delivery d JOIN package p ON p.id = d.package_ref WHERE p.document_id = ?"
                + " AND d.agency_id = ?", "000.00.13.H41-2026.81", REMOTE);
        assertTrue(reason.contains("HTTP 404") && reason.contains("CLIENT_ERROR"), reason);
        assertEquals("E900", gw.sql("SELECT reason_code FROM status_event WHERE receiver_id = ? AND status_code = '02'", REMOTE));
        Path senderStatus = home.resolve("data/agencies").resolve(SENDER).resolve("status");
        await("the sender is told (02, E900)", () -> Federation.contents(senderStatus).stream()
                .anyMatch(t -> t.contains("<edXML:StatusCode>02</edXML:StatusCode>") && t.contains("E900") && t.contains("HTTP 404")));

        Run list = dlq("list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("000.00.13.H41-2026.81") && list.out().contains("HTTP 404"), list.out());
        Matcher m = Pattern.compile("^(\\S+)\\s+package", Pattern.MULTILINE).matcher(list.out());
        assertTrue(m.find(), list.out());
        String id = m.group(1);
        Run show = dlq("show", id);
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("lienthong.agency.national-axis") && show.out().contains("DEAD_LETTER"), show.out());

        mode.set("ok");                                          // the configuration is fixed
        Run replay = dlq("replay", id);
        assertEquals(0, replay.exit(), replay.out() + replay.err());
        await("replayed and sent", () -> "FORWARDED".equals(state("000.00.13.H41-2026.81")));
        assertEquals(2, sends.get());
        assertTrue(dlq("list").out().contains("no dead letters"));

        mode.set("503");                                         // an outage longer than the retry limit
        send("000.00.13.H41-2026.82");
        await("dead-lettered after the retry limit", () -> "DEAD_LETTER".equals(state("000.00.13.H41-2026.82")));
        assertEquals(5, sends.get(), "retried up to axis.max-attempts (3)");
        send("000.00.13.H41-2026.83");
        await("the second one too", () -> "DEAD_LETTER".equals(state("000.00.13.H41-2026.83")));
        String listing = dlq("list").out();
        Matcher ids = Pattern.compile("^(\\S+)\\s+package \\d+\\s+DOCUMENT\\s+000.00.13.H41-2026.82", Pattern.MULTILINE).matcher(listing);
        assertTrue(ids.find(), listing);
        String id82 = ids.group(1);
        assertEquals(0, dlq("discard", id82).exit());
        assertEquals(1, dlq("show", id82).exit(), "gone");
        assertEquals("DEAD_LETTER", state("000.00.13.H41-2026.82"), "a discarded package stays dead-lettered in the record");
        mode.set("ok");
        Run all = dlq("replay", "--all");
        assertEquals(0, all.exit(), all.out() + all.err());
        await("the rest replayed", () -> "FORWARDED".equals(state("000.00.13.H41-2026.83")));
        assertTrue(dlq("list").out().contains("no dead letters"));
        assertTrue(dlq("replay", "--all").out().contains("nothing to replay"));

        Run denied = new Run(new CommandLine(new Lienthong()).execute("dlq", "--url", "http://127.0.0.1:" + gw.httpPort(), "--token", "wrong",
                "list"), "", "");
        assertEquals(1, denied.exit(), "a wrong token is refused");
        for (String action : List.of("dlq-list", "dlq-show", "dlq-replay", "dlq-discard")) {
            long n = ((Number) gw.sql("SELECT COUNT(*) FROM audit WHERE action = ? AND detail LIKE 'operator%'", action)).longValue();
            assertTrue(n >= 1, action + " audited with the operator's name");
        }
        assertTrue(((Number) gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'admin' AND outcome = 'DENIED'")).longValue() >= 1);
    }

}
