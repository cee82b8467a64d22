package vn.lienthong.pipeline;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.pipeline.TestGateway.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.tracking.Jdbc;

/**
 * The whole gateway as agencies see it through their drop folders: real embedded broker, real
 * database (H2 here, PostgreSQL in the subclass), real files. Requirements cited per test.
 */
class GatewayFlowTest {
    @TempDir Path home;
    TestGateway gw;

    String databaseUrl() throws Exception {
        return null; // H2 file database under data/
    }

    @BeforeEach
    void start() throws Exception {
        gw = new TestGateway(home, databaseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        dropDatabase();
    }

    void dropDatabase() throws Exception {
        // H2's files go with the temporary folder
    }

    <T> T sql(String query, Object... args) {
        return gw.gateway.store().inTransaction(c -> Jdbc.one(c, query, rs -> {
            @SuppressWarnings("unchecked") T v = (T) rs.getObject(1);
            return v;
        }, args).orElse(null));
    }

    Path deliveredDemo() throws Exception {
        gw.drop(SENDER, "edoc_new.edxml", demo().getBytes(StandardCharsets.UTF_8));
        await("delivery to the receiver's inbox", () -> count(RECEIVER, "inbox", ".edxml") == 1);
        await("01 in the sender's status folder",
                () -> gw.files(SENDER, "status", ".edxml").stream().filter(p -> read(p).contains(">01<")).count() == 1);
        return gw.files(RECEIVER, "inbox", ".edxml").get(0);
    }

    int count(String agency, String folder, String suffix) {
        try {
            return gw.files(agency, folder, suffix).size();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void demoPackageReachesTheReceiverWithReceiptAndTheSenderGets01() throws Exception {
        Path inbox = deliveredDemo();
        assertArrayEquals(Files.readAllBytes(PROJECT.resolve("demo/edoc_new.edxml")), Files.readAllBytes(inbox),
                "the receiver gets the package byte for byte (R21)");
        String receipt = read(Path.of(inbox + ".receipt.json"));
        assertTrue(receipt.contains("\"incomingNumber\" : 1"), receipt);                       // R22
        assertTrue(receipt.matches("(?s).*\"receivedAt\" : \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00\".*"), receipt); // R8
        assertTrue(receipt.contains("officialReceivedAt"), receipt);                           // R7
        String status = read(gw.files(SENDER, "status", ".edxml").get(0));
        assertTrue(status.contains("<edXML:StatusCode>01</edXML:StatusCode>"), status);       // R3
        assertTrue(status.contains("<edXML:DocumentId>000.00.13.H41-2026.1</edXML:DocumentId>"), status);
        assertTrue(Files.exists(gw.folder(SENDER, "outbox").resolve(".done/edoc_new.edxml")));
        assertEquals("01", sql("SELECT status_code FROM recipient WHERE receiver_id = ?", RECEIVER));
        String trace = new vn.lienthong.tracking.TraceQuery(gw.gateway.store()).of("000.00.13.H41-2026.1").toString();
        assertTrue(trace.contains("received document") && trace.contains("DELIVERED") && trace.contains("status 01")
                && trace.contains("incoming number 1/"), trace);                                 // R16
    }

    @Test
    void secondDocumentGetsTheNextIncomingNumber() throws Exception {
        deliveredDemo();
        gw.drop(SENDER, "second.edxml", demo("000.00.13.H41-2026.2").getBytes(StandardCharsets.UTF_8));
        await("second delivery", () -> count(RECEIVER, "inbox", ".edxml") == 2);
        await("second receipt", () -> count(RECEIVER, "inbox", ".receipt.json") == 2);
        String receipt = read(gw.files(RECEIVER, "inbox", ".receipt.json").stream()
                .filter(p -> p.toString().contains("second")).findFirst().orElseThrow());
        assertTrue(receipt.contains("\"incomingNumber\" : 2"), receipt);
    }

    @Test
    void samePackageSentAgainIsAcknowledgedAgainButNotDeliveredTwice() throws Exception {
        deliveredDemo();
        gw.drop(SENDER, "edoc_new_again.edxml", demo().getBytes(StandardCharsets.UTF_8));
        await("a second 01", () -> count(SENDER, "status", ".edxml") == 2);
        quiet(Duration.ofMillis(500));
        assertEquals(1, count(RECEIVER, "inbox", ".edxml"), "no second delivery");
        assertEquals("DUPLICATE", sql("SELECT outcome FROM package WHERE file_name = ?", "edoc_new_again.edxml"));
    }

    @Test
    void differentPackageReusingTheDocumentIdIsRefusedAsConflictingDuplicate() throws Exception {
        deliveredDemo();
        String changed = demo().replace("V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>", "Trích yếu khác</edXML:Subject>");
        gw.drop(SENDER, "changed.edxml", changed.getBytes(StandardCharsets.UTF_8));
        await("a 02 for the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">02<")));
        String refusal = read(gw.files(SENDER, "status", ".edxml").stream().filter(p -> read(p).contains(">02<")).findFirst().orElseThrow());
        assertTrue(refusal.contains("E600"), refusal);
        assertTrue(refusal.contains("Mã văn bản đã được dùng"), refusal);
        assertEquals(1, count(RECEIVER, "inbox", ".edxml"));
    }

    @Test
    void brokenPackageIsRefusedWithLineAndReasonAndTheGatewayKeepsRunning() throws Exception {
        gw.drop(SENDER, "broken.edxml", Files.readAllBytes(PROJECT.resolve("src/test/resources/samples/refused_edoc_unbound-prefix.edxml")));
        Path reason = gw.folder(SENDER, "outbox").resolve(".error/broken.edxml.reason.txt");
        await("reason file beside the refused package", () -> Files.exists(reason));
        String text = read(reason);
        assertTrue(text.contains("E100") && text.contains("line 116") && text.contains("xlink"), text);
        await("refused package moved to .error", () -> Files.exists(gw.folder(SENDER, "outbox").resolve(".error/broken.edxml")));
        await("02 in the status folder", () -> count(SENDER, "status", ".edxml") == 1);
        assertTrue(read(gw.files(SENDER, "status", ".edxml").get(0)).contains("line 116"));
        assertEquals("REFUSED", sql("SELECT outcome FROM package WHERE file_name = ?", "broken.edxml"));
        String kept = sql("SELECT stored_path FROM package WHERE file_name = ?", "broken.edxml");
        assertTrue(Files.exists(Path.of(kept)), "the raw input of a refusal is kept");
        deliveredDemo();
    }

    @Test
    void unknownReceiverSecretDocumentAndForgedSenderAreRefused() throws Exception {
        gw.drop(SENDER, "unknown.edxml", demo("000.00.13.H41-2026.5").replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>",
                "<edXML:OrganId>000.00.77.H41</edXML:OrganId>").getBytes(StandardCharsets.UTF_8));
        gw.drop(SENDER, "secret.edxml", demo("000.00.13.H41-2026.6").replace("Liên thông văn bản quốc gia</edXML:SphereOfPromulgation>",
                "Tối mật</edXML:SphereOfPromulgation>").getBytes(StandardCharsets.UTF_8));
        gw.drop(OTHER, "forged.edxml", demo("000.00.13.H41-2026.7").getBytes(StandardCharsets.UTF_8)); // From is not OTHER
        Path errors = gw.folder(SENDER, "outbox").resolve(".error");
        await("reasons", () -> Files.exists(errors.resolve("unknown.edxml.reason.txt")) && Files.exists(errors.resolve("secret.edxml.reason.txt"))
                && Files.exists(gw.folder(OTHER, "outbox").resolve(".error/forged.edxml.reason.txt")));
        assertTrue(read(errors.resolve("unknown.edxml.reason.txt")).contains("E302"));
        assertTrue(read(errors.resolve("secret.edxml.reason.txt")).contains("E500"));
        assertTrue(read(gw.folder(OTHER, "outbox").resolve(".error/forged.edxml.reason.txt")).contains("E301"));
        quiet(Duration.ofMillis(300));
        assertEquals(0, count(RECEIVER, "inbox", ".edxml"));
    }

    @Test
    void receiverStatusesAreRelayedToTheSenderAndOutOfOrderOnesRefused() throws Exception {
        deliveredDemo();
        String doc = "000.00.13.H41-2026.1";
        gw.drop(RECEIVER, "s06.edxml", status(RECEIVER, doc, "06"));                     // 06 before 03
        await("02 back to the receiver", () -> count(RECEIVER, "status", ".edxml") == 1);
        String refusal = read(gw.files(RECEIVER, "status", ".edxml").get(0));
        assertTrue(refusal.contains("E612") && refusal.contains(">02<"), refusal);
        gw.drop(RECEIVER, "s03.edxml", status(RECEIVER, doc, "03"));
        await("03 relayed to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">03<")));
        gw.drop(RECEIVER, "s06b.edxml", status(RECEIVER, doc, "06"));
        await("06 relayed to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">06<")));
        assertEquals("06", sql("SELECT status_code FROM recipient WHERE receiver_id = ?", RECEIVER));
        gw.drop(RECEIVER, "unknown.edxml", status(RECEIVER, "000.00.13.H41-2026.999", "03"));
        await("E610 for a status about an unknown document",
                () -> gw.files(RECEIVER, "status", ".edxml").stream().anyMatch(p -> read(p).contains("E610")));
        gw.drop(OTHER, "stranger.edxml", status(OTHER, doc, "03"));
        await("E613 for an agency that is not a party",
                () -> gw.files(OTHER, "status", ".edxml").stream().anyMatch(p -> read(p).contains("E613")));
        long history = gw.gateway.store().inTransaction(c -> Jdbc.one(c, "SELECT COUNT(*) FROM status_event", rs -> rs.getLong(1)).orElse(0L));
        assertTrue(history >= 5, "every status, accepted or refused, is in the history: " + history);
    }

    @Test
    void recallGoesToTheOriginalReceiversAndTheir15GoesBack() throws Exception {
        deliveredDemo();
        String recall = demo().replace("<edXML:BussinessDocType>0</edXML:BussinessDocType>", "<edXML:BussinessDocType>1</edXML:BussinessDocType>");
        gw.drop(SENDER, "recall.edxml", recall.getBytes(StandardCharsets.UTF_8));
        await("recall delivered to the receiver", () -> count(RECEIVER, "inbox", ".edxml") == 2);
        assertEquals("RECALL", sql("SELECT pending_request FROM recipient WHERE receiver_id = ?", RECEIVER));
        gw.drop(RECEIVER, "s15.edxml", status(RECEIVER, "000.00.13.H41-2026.1", "15"));
        await("15 relayed to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">15<")));
        assertEquals(Boolean.TRUE, sql("SELECT recalled FROM document WHERE document_id = ?", "000.00.13.H41-2026.1"));
        gw.drop(RECEIVER, "s16.edxml", status(RECEIVER, "000.00.13.H41-2026.1", "16"));
        await("a 16 with nothing pending is refused", () -> count(RECEIVER, "status", ".edxml") == 1);
        assertTrue(read(gw.files(RECEIVER, "status", ".edxml").get(0)).contains("E612"));
    }

    @Test
    void updateAndReplacementGoToTheOriginalReceiversAndTheirAnswersGoBack() throws Exception {
        deliveredDemo();
        String update = demo().replace("<edXML:BussinessDocType>0</edXML:BussinessDocType>", "<edXML:BussinessDocType>2</edXML:BussinessDocType>");
        gw.drop(SENDER, "update.edxml", update.getBytes(StandardCharsets.UTF_8));
        await("update delivered", () -> count(RECEIVER, "inbox", ".edxml") == 2);
        assertEquals("UPDATE", sql("SELECT pending_request FROM recipient WHERE receiver_id = ?", RECEIVER));
        gw.drop(RECEIVER, "s16.edxml", status(RECEIVER, "000.00.13.H41-2026.1", "16"));
        await("16 relayed to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">16<")));
        assertEquals("01", sql("SELECT status_code FROM recipient WHERE receiver_id = ?", RECEIVER), "a refused update keeps the state");

        String replacement = demo("000.00.13.H41-2026.2").replace("<edXML:BussinessDocType>0</edXML:BussinessDocType>",
                "<edXML:BussinessDocType>3</edXML:BussinessDocType><edXML:ReplacementInfoList><edXML:ReplacementInfo>"
                + "<edXML:DocumentId>000.00.13.H41-2026.1</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>" + RECEIVER
                + "</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo></edXML:ReplacementInfoList>");
        gw.drop(SENDER, "replacement.edxml", replacement.getBytes(StandardCharsets.UTF_8));
        await("replacement delivered", () -> count(RECEIVER, "inbox", ".edxml") == 3);
        assertEquals("REPLACEMENT", sql("SELECT pending_request FROM recipient WHERE receiver_id = ?", RECEIVER));
        gw.drop(RECEIVER, "s15.edxml", status(RECEIVER, "000.00.13.H41-2026.1", "15"));
        await("15 relayed to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">15<")));
    }

    @Test
    void senderTakeBackRequestReachesTheReceiverAndTheAnswerComesBack() throws Exception {
        deliveredDemo();
        gw.drop(SENDER, "s13.edxml", status(SENDER, "000.00.13.H41-2026.1", "13"));
        await("13 relayed to the receiver", () -> gw.files(RECEIVER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">13<")));
        assertEquals("TAKE_BACK", sql("SELECT pending_request FROM recipient WHERE receiver_id = ?", RECEIVER));
        gw.drop(RECEIVER, "s15.edxml", status(RECEIVER, "000.00.13.H41-2026.1", "15"));
        await("15 relayed to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains(">15<")));
        assertEquals("15", sql("SELECT status_code FROM recipient WHERE receiver_id = ?", RECEIVER));
    }

    @Test
    void recallOfAnUnknownDocumentIsRefused() throws Exception {
        String recall = demo("000.00.13.H41-2026.404").replace("<edXML:BussinessDocType>0</edXML:BussinessDocType>",
                "<edXML:BussinessDocType>1</edXML:BussinessDocType>");
        gw.drop(SENDER, "recall.edxml", recall.getBytes(StandardCharsets.UTF_8));
        await("02 with E601", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains("E601")));
    }

    @Test
    void urgentPackagesOvertakeNormalOnes() throws Exception {
        gw.gateway.camel().getRouteController().stopRoute("file-drop-" + RECEIVER);
        for (int i = 1; i <= 5; i++) {
            gw.drop(SENDER, "normal" + i + ".edxml", demo("000.00.13.H41-2026." + (10 + i)).getBytes(StandardCharsets.UTF_8));
        }
        await("normal ones queued", () -> this.<Long>sql("SELECT COUNT(*) FROM delivery WHERE state = 'QUEUED'") == 5L);
        String urgent = demo("000.00.13.H41-2026.99").replace("<edXML:Priority>0</edXML:Priority>", "<edXML:Priority>3</edXML:Priority>");
        gw.drop(SENDER, "hoatoc.edxml", urgent.getBytes(StandardCharsets.UTF_8));
        await("urgent one queued", () -> this.<Long>sql("SELECT COUNT(*) FROM delivery WHERE state = 'QUEUED'") == 6L);
        Thread.sleep(500); // the record step commits its queue message just after its database row
        gw.gateway.camel().getRouteController().startRoute("file-drop-" + RECEIVER);
        await("all delivered", () -> this.<Long>sql("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED' AND agency_id = ?", RECEIVER) == 6L);
        String first = sql("SELECT p.file_name FROM delivery d JOIN package p ON p.id = d.package_ref WHERE d.agency_id = ?"
                + " ORDER BY d.delivered_at, d.id LIMIT 1", RECEIVER);
        assertEquals("hoatoc.edxml", first, "hỏa tốc is handed over first (R11)");
    }

    @Test
    void failedDeliveriesAreRetriedThenDeadLetteredAndVisible() throws Exception {
        Path inbox = gw.folder(OTHER, "inbox");
        Files.createDirectories(inbox.getParent());
        Files.writeString(inbox, "not a folder");                 // the agency's inbox cannot be written
        String both = demo().replace("<edXML:To>", "<edXML:To><edXML:OrganId>" + OTHER + "</edXML:OrganId></edXML:To><edXML:To>");
        gw.drop(SENDER, "both.edxml", both.getBytes(StandardCharsets.UTF_8));
        await("dead-lettered after retries", () -> "DEAD_LETTER".equals(sql("SELECT state FROM delivery WHERE agency_id = ?", OTHER)));
        assertEquals("DELIVERED", sql("SELECT state FROM delivery WHERE agency_id = ?", RECEIVER), "the other receiver is not held up");
        String reason = sql("SELECT reason_text FROM delivery WHERE agency_id = ?", OTHER);
        assertTrue(reason.contains("dead-lettered"), reason);
        Object parked = gw.gateway.camel().createConsumerTemplate().receiveBody("jms:queue:lienthong.parked", 5000);
        assertNotNull(parked, "the message is kept on the parking queue");
    }

    @Test
    void legacyTcvn3TextIsDeliveredConvertedToUnicode() throws Exception {
        String xml = vn.lienthong.encoding.Tcvn3.encodeAsLatin(demo()).replace("encoding=\"UTF-8\"", "encoding=\"windows-1252\"");
        gw.drop(SENDER, "tcvn3.edxml", xml.getBytes(java.nio.charset.Charset.forName("windows-1252")));
        await("delivered", () -> count(RECEIVER, "inbox", ".edxml") == 1);
        Path delivered = gw.files(RECEIVER, "inbox", ".edxml").get(0);
        String text = Files.readString(delivered, StandardCharsets.UTF_8);
        assertTrue(text.contains("V/v kết nối, liên thông phần mềm quản lý văn bản"), "R12: converted to Unicode");
        assertTrue(read(Path.of(delivered + ".receipt.json")).contains("W410"));
        assertEquals("V/v kết nối, liên thông phần mềm quản lý văn bản",
                sql("SELECT subject FROM document WHERE document_id = ?", "000.00.13.H41-2026.1"));
    }

    @Test
    void statusesFromTheSamplesAllParseAndAreRefusedWhenTheDocumentIsUnknown() throws Exception {
        for (String s : List.of("status_acceptance_03", "status_finish_06")) {
            String xml = Files.readString(PROJECT.resolve("src/test/resources/samples/" + s + ".edxml"))
                    .replace("000.00.00.H41", RECEIVER);
            gw.drop(RECEIVER, s + ".edxml", xml.getBytes(StandardCharsets.UTF_8));
        }
        await("two refusals", () -> count(RECEIVER, "status", ".edxml") == 2);
        for (Path p : gw.files(RECEIVER, "status", ".edxml")) assertTrue(read(p).contains("E610"), read(p));
    }
}
