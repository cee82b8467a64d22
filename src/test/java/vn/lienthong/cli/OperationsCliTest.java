package vn.lienthong.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.pipeline.TestGatewayAccess;
import vn.lienthong.time.VietnamTime;

/**
 * The operations commands against a running gateway (real broker, real database, real drop folders),
 * run in-process the way {@code bin/lienthong} runs them, and once from a second JVM (the H2 database
 * is shared through AUTO_SERVER): send, status, trace, agencies, report (R17 figures checked against
 * the packages pushed file → file: refusals, a recall, late sends, an acceptance, numbering gaps).
 */
class OperationsCliTest {
    static final String SENDER = "000.00.13.H41";
    static final String RECEIVER = "000.00.05.H41";
    static final String DISABLED = "000.00.00.H41";
    static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir Path home;
    @TempDir Path work;
    TestGatewayAccess gw;

    String databaseUrl() throws Exception {
        return null; // H2 under data/
    }

    void dropDatabase() throws Exception {
    }

    @BeforeEach
    void start() throws Exception {
        System.setProperty("lienthong.home", home.toString());
        // disabled before start: the gateway reads agencies.yaml at start-up (the live reload is the gateway's)
        gw = TestGatewayAccess.start(home, databaseUrl(), h -> assertEquals(0, cli("agencies", "disable", DISABLED).code));
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        System.clearProperty("lienthong.home");
        dropDatabase();
    }

    record Run(int code, String out, String err) { }

    static synchronized Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Lienthong()).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** The demo package with another DocumentId, CodeNumber and PromulgationDate. */
    Path document(String x, String codeNumber, String date) throws Exception {
        String text = Files.readString(PROJECT.resolve("demo/edoc_new.edxml"))
                .replace("<edXML:DocumentId>000.00.13.H41-2026.1</edXML:DocumentId>", "<edXML:DocumentId>" + SENDER + "-2026." + x + "</edXML:DocumentId>")
                .replace("<edXML:CodeNumber>74fass22</edXML:CodeNumber>", "<edXML:CodeNumber>" + codeNumber + "</edXML:CodeNumber>")
                .replace("<edXML:PromulgationDate>2019/01/16</edXML:PromulgationDate>", "<edXML:PromulgationDate>" + date + "</edXML:PromulgationDate>");
        Path f = work.resolve("doc" + x + "_" + System.nanoTime() + ".edxml");
        Files.writeString(f, text);
        return f;
    }

    Path status(String from, String x, String code) throws Exception {
        Path f = work.resolve("status" + code + "_" + x + ".edxml");
        try (var out = Files.newOutputStream(f)) {
            new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(from, from),
                    new ResponseFor(SENDER, null, null, SENDER + "-2026." + x), null, code, "Trạng thái " + code,
                    VietnamTime.formatEdxml(VietnamTime.now(java.time.Clock.systemUTC()))), out);
        }
        return f;
    }

    Run send(Path file, String as) {
        return cli("send", file.toString(), "--as", as, "--wait", "30");
    }

    @Test
    void operationsWhileTheGatewayRunsAndTheReportCountsWhatHappened() throws Exception {
        String today = VietnamTime.formatEdxmlDate(LocalDate.now(VietnamTime.ZONE));
        // five documents: 1, 2, 4, 6 signed 2026/01/05 (sent late, R10), 5 signed today; X = 3 is missing, CodeNumber 4 is used twice
        Run first = send(document("1", "1", "2026/01/05"), SENDER);
        assertEquals(0, first.code, first.out + first.err);
        assertTrue(first.out.contains("document id: " + SENDER + "-2026.1"), first.out);
        assertTrue(first.out.contains("outcome: ACCEPTED"), first.out);
        assertTrue(first.out.matches("(?s).*received \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00.*"), first.out);
        assertTrue(first.out.contains("delivery to " + RECEIVER + ": DELIVERED"), first.out);
        for (String[] d : List.of(new String[] {"2", "2", "2026/01/05"}, new String[] {"4", "4", "2026/01/05"},
                new String[] {"5", "5", today}, new String[] {"6", "4", "2026/01/05"})) {
            Run r = send(document(d[0], d[1], d[2]), SENDER);
            assertEquals(0, r.code, r.out + r.err);
        }
        // refusals: a state secret (E500, at intake), a reused DocumentId (E600, when recorded), a disabled receiver (E304)
        Path secret = work.resolve("secret.edxml");
        Files.writeString(secret, Files.readString(document("7", "7", today)).replace("Liên thông văn bản quốc gia</edXML:SphereOfPromulgation>",
                "Tối mật</edXML:SphereOfPromulgation>"));
        Run refused = send(secret, SENDER);
        assertEquals(2, refused.code, refused.out + refused.err);
        assertTrue(refused.out.contains("outcome: REFUSED") && refused.out.contains("E500"), refused.out);
        Path conflict = work.resolve("conflict.edxml");
        Files.writeString(conflict, Files.readString(document("1", "1", "2026/01/05")).replace("V/v kết nối", "Về việc khác"));
        Run e600 = send(conflict, SENDER);
        assertEquals(2, e600.code, e600.out);
        assertTrue(e600.out.contains("E600"), e600.out);
        Path toDisabled = work.resolve("to-disabled.edxml");
        Files.writeString(toDisabled, Files.readString(document("8", "8", today)).replace("<edXML:OrganId>" + RECEIVER + "</edXML:OrganId>",
                "<edXML:OrganId>" + DISABLED + "</edXML:OrganId>"));
        Run e304 = send(toDisabled, SENDER);
        assertEquals(2, e304.code, e304.out);
        assertTrue(e304.out.contains("E304") && e304.out.contains("tạm ngừng"), e304.out);
        Path fromDisabled = work.resolve("from-disabled.edxml");
        Files.writeString(fromDisabled, Files.readString(document("9", "9", today))
                .replace("<edXML:OrganId>" + SENDER + "</edXML:OrganId>", "<edXML:OrganId>" + DISABLED + "</edXML:OrganId>")
                .replace(SENDER + "-2026.9", DISABLED + "-2026.1"));
        Run e304From = send(fromDisabled, DISABLED);
        assertEquals(2, e304From.code, e304From.out);
        assertTrue(e304From.out.contains("E304 Cơ quan đã bị tạm ngừng kết nối") && e304From.out.contains(": " + DISABLED), e304From.out);

        // the receiver accepts 1 (03), refuses 4 (02); the sender recalls 2, the receiver agrees (15)
        assertEquals(0, send(status(RECEIVER, "1", "03"), RECEIVER).code);
        assertEquals(0, send(status(RECEIVER, "4", "02"), RECEIVER).code);
        Path recall = work.resolve("recall.edxml");
        Files.writeString(recall, Files.readString(document("2", "2", "2026/01/05"))
                .replace("<edXML:BussinessDocType>0</edXML:BussinessDocType>", "<edXML:BussinessDocType>1</edXML:BussinessDocType>"));
        assertEquals(0, send(recall, SENDER).code);
        Run agreed = send(status(RECEIVER, "2", "15"), RECEIVER);
        assertEquals(0, agreed.code, agreed.out);
        Run outOfOrder = send(status(RECEIVER, "5", "06"), RECEIVER);
        assertEquals(2, outOfOrder.code, "06 before 03 is refused: " + outOfOrder.out);

        // status: per receiver, +07:00
        Run st = cli("status", SENDER + "-2026.1");
        assertEquals(0, st.code, st.err);
        assertTrue(st.out.contains(RECEIVER + "  03  Đã tiếp nhận, vào sổ / accepted and registered"), st.out);
        assertTrue(st.out.matches("(?s).*arrived \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00.*last change .*\\+07:00.*"), st.out);
        assertTrue(st.out.contains("LATE SEND"), st.out);
        assertEquals(1, cli("status", SENDER + "-2026.999").code);

        // trace: every hop, every status, every time in +07:00
        Run tr = cli("trace", SENDER + "-2026.1");
        assertEquals(0, tr.code);
        List<String> lines = tr.out.lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00  .*")), tr.out);
        for (String hop : List.of("received document", "delivery of package", "DELIVERED", "status 01", "status 03 by " + RECEIVER,
                "incoming number 1/", "received status 03", "REFUSED")) {
            assertTrue(tr.out.contains(hop), hop + " in\n" + tr.out);
        }

        // agencies list sees the flag
        Run list = cli("agencies", "list");
        assertTrue(list.out.lines().anyMatch(l -> l.startsWith(DISABLED) && l.contains("DISABLED")), list.out);

        // the report (R17)
        String day = LocalDate.now(VietnamTime.ZONE).toString();
        Path json = work.resolve("r.json");
        Run rep = cli("report", "--from", day, "--to", day, "--format", "json", "--out", json.toString());
        assertEquals(0, rep.code, rep.out + rep.err);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        JsonNode t = r.get("totals");
        assertEquals(5, t.get("documentsSent").asInt(), r.toPrettyString());
        assertEquals(5, t.get("documentsReceived").asInt());
        assertEquals(5, t.get("packagesRefused").asInt(), "E500, E600, E304 twice, and the receiver's 06 out of order (E612)");
        assertEquals(1, t.get("refusedByReceivers").asInt());
        assertEquals(1, t.get("recallRequests").asInt());
        assertEquals(1, t.get("documentsRecalled").asInt());
        assertEquals(4, t.get("lateSends").asInt(), "all but the one signed today");
        assertEquals(0, t.get("legal").asInt());
        assertEquals(5, t.get("referenceOnly").asInt(), "the demo's QCVN signature does not count (W700)");
        List<String> codes = new ArrayList<>();
        r.get("refusals").forEach(x -> codes.add(x.get("code").asText() + "=" + x.get("count").asInt()));
        assertEquals(List.of("E304=2", "E500=1", "E600=1", "E612=1"), codes);
        JsonNode acc = r.get("acceptance");
        assertEquals(1, acc.get("accepted").asInt());
        assertEquals(4, acc.get("notYetAccepted").asInt());
        assertTrue(acc.get("medianSeconds").asLong() >= 0 && acc.get("p90Seconds").asLong() >= acc.get("medianSeconds").asLong());
        JsonNode sender = null;
        for (JsonNode a : r.get("agencies")) if (a.get("id").asText().equals(SENDER)) sender = a;
        assertNotNull(sender);
        assertEquals(5, sender.get("sent").asInt());
        assertEquals(3, sender.get("refused").asInt());
        assertEquals("Sở Thông tin và Truyền thông tỉnh Nghệ An", sender.get("name").asText());
        List<String> numbering = new ArrayList<>();
        r.get("numbering").forEach(n -> numbering.add(n.get("agency").asText() + " " + n.get("year").asInt() + " " + n.get("kind").asText()
                + " gaps " + n.get("gaps") + " repeats " + n.get("repeats")));
        assertTrue(numbering.contains(SENDER + " 2026 document-id gaps [\"3\"] repeats []"), numbering.toString());
        assertTrue(numbering.stream().anyMatch(n -> n.startsWith(SENDER + " 2026 code-number") && n.contains("repeats [4]")), numbering.toString());

        Run csv = cli("report", "--from", day, "--to", day, "--format", "csv");
        assertEquals(0, csv.code);
        assertTrue(csv.out.startsWith("section,agency,item,value\r\n"), csv.out);
        assertTrue(csv.out.contains("totals,,documents_sent,5\r\n") && csv.out.contains("refusals,,E500,1\r\n")
                && csv.out.contains("agency," + SENDER + ",late_sends,4\r\n"), csv.out);
        Path html = work.resolve("r.html");
        assertEquals(0, cli("report", "--year", Integer.toString(LocalDate.now(VietnamTime.ZONE).getYear()), "--format", "html",
                "--out", html.toString()).code);
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("Văn bản đã gửi") && page.contains("Documents sent"), page);
        assertFalse(page.contains("<script") || page.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:)?//[a-z].*"),
                "self-contained: no script, no external resource");
        Run onlyReceiver = cli("report", "--from", day, "--to", day, "--agency", RECEIVER, "--format", "json");
        JsonNode rr = new ObjectMapper().readTree(onlyReceiver.out);
        assertEquals(0, rr.get("totals").get("documentsSent").asInt());
        assertEquals(5, rr.get("totals").get("documentsReceived").asInt());
        assertEquals(2, cli("report", "--half", "2026-H3").code);
        assertEquals(2, cli("report").code, "a period is required");

        // a second process reads the same database while the gateway runs (H2 AUTO_SERVER)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dlienthong.home=" + home,
                "-Dlog4j2.level=WARN", Lienthong.class.getName(), "status", SENDER + "-2026.1").redirectErrorStream(true).start();
        String other = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), other);
        assertTrue(other.contains(RECEIVER + "  03"), other);
    }
}
