package vn.lienthong.axis;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.axis.Federation.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.pipeline.TestGatewayAccess;

/**
 * R23 end to end: a document from an agency of Nghệ An reaches an agency of Hà Tĩnh through the national
 * axis (three gateways, real HTTP, separate brokers and databases); the receiver's 01, 03 and 06 come
 * back to the sender; a recall is answered with 15. Each hop adds its TraceHeader (R16).
 */
@Timeout(120)
class FederationTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir Path root;
    Federation f;

    @AfterEach
    void stop() throws Exception {
        if (f != null) f.close();
    }

    @Test
    void documentCrossesProvincesAndStatusesAndRecallComeBack() throws Exception {
        f = new Federation(root).start();
        Path senderStatus = folder(f.a, f.home("a"), SENDER_A, "status");
        Path receiverInbox = folder(f.b, f.home("b"), RECEIVER_B, "inbox");

        f.a.drop(SENDER_A, "to-ha-tinh.edxml", document("000.00.13.H41-2026.71", 0, 0));
        await("the document in the Hà Tĩnh receiver's inbox", WAIT, () -> contents(receiverInbox).stream()
                .anyMatch(t -> t.contains("000.00.13.H41-2026.71")));
        String delivered = contents(receiverInbox).stream().filter(t -> t.contains("000.00.13.H41-2026.71")).findFirst().orElseThrow();
        for (String hop : new String[] {GW_A, NATIONAL_ID, GW_B}) {
            assertTrue(delivered.contains("<edXML:OrganId>" + hop + "</edXML:OrganId>"), "TraceHeader of " + hop + " in\n" + delivered);
        }
        await("01 back to the sender in Nghệ An", WAIT, () -> statuses(senderStatus, "000.00.13.H41-2026.71", "01") == 1);

        f.b.drop(RECEIVER_B, "st03.edxml", status("000.00.13.H41-2026.71", "03"));
        await("03 back to the sender", WAIT, () -> statuses(senderStatus, "000.00.13.H41-2026.71", "03") == 1);
        f.b.drop(RECEIVER_B, "st06.edxml", status("000.00.13.H41-2026.71", "06"));
        await("06 back to the sender", WAIT, () -> statuses(senderStatus, "000.00.13.H41-2026.71", "06") == 1);

        // tracked per receiver on every side
        assertEquals("06", f.a.sql("SELECT r.status_code FROM recipient r JOIN document d ON d.id = r.document_ref"
                + " WHERE d.document_id = ? AND r.receiver_id = ?", "000.00.13.H41-2026.71", RECEIVER_B));
        assertEquals("FORWARDED", f.a.sql("SELECT d.state FROM delivery d JOIN package p ON p.id = d.package_ref"
                + " WHERE p.document_id = ? AND p.kind = 'DOCUMENT' AND d.agency_id = ?", "000.00.13.H41-2026.71", RECEIVER_B));
        assertEquals("06", f.national.sql("SELECT r.status_code FROM recipient r JOIN document d ON d.id = r.document_ref"
                + " WHERE d.document_id = ?", "000.00.13.H41-2026.71"));
        assertEquals("06", f.b.sql("SELECT r.status_code FROM recipient r JOIN document d ON d.id = r.document_ref"
                + " WHERE d.document_id = ?", "000.00.13.H41-2026.71"));

        // recall (thu hồi, R5): A asks, B's receiver agrees with 15
        f.a.drop(SENDER_A, "doc72.edxml", document("000.00.13.H41-2026.72", 0, 0));
        await("01 for the second document", WAIT, () -> statuses(senderStatus, "000.00.13.H41-2026.72", "01") == 1);
        f.a.drop(SENDER_A, "recall72.edxml", document("000.00.13.H41-2026.72", 0, 1));
        await("the recall in the receiver's inbox", WAIT, () -> contents(receiverInbox).stream()
                .filter(t -> t.contains("000.00.13.H41-2026.72")).count() == 2);
        f.b.drop(RECEIVER_B, "st15.edxml", status("000.00.13.H41-2026.72", "15"));
        await("15 back to the sender", WAIT, () -> statuses(senderStatus, "000.00.13.H41-2026.72", "15") == 1);
        assertEquals(Boolean.TRUE, f.a.sql("SELECT recalled FROM document WHERE document_id = ?", "000.00.13.H41-2026.72"));

        // a receiver Hà Tĩnh does not know: Hà Tĩnh refuses (E302) and the 02 reaches the sender in Nghệ An (R4)
        f.a.drop(SENDER_A, "doc73.edxml", new String(document("000.00.13.H41-2026.73", 0, 0), java.nio.charset.StandardCharsets.UTF_8)
                .replace(RECEIVER_B, "000.00.77.H42").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await("the refusal from Hà Tĩnh back to the sender", WAIT, () -> contents(senderStatus).stream().anyMatch(t ->
                t.contains("<edXML:StatusCode>02</edXML:StatusCode>") && t.contains("000.00.13.H41-2026.73") && t.contains("E302")));

        // receivers on both sides: split, each tracked; the hub and Hà Tĩnh never send the local one back
        String both = new String(document("000.00.13.H41-2026.74", 0, 0), java.nio.charset.StandardCharsets.UTF_8);
        int end = both.indexOf("</edXML:To>") + "</edXML:To>".length();
        String localTo = "<edXML:To><edXML:OrganId>000.00.05.H41</edXML:OrganId><edXML:OrganName>Sở Nội vụ tỉnh Nghệ An</edXML:OrganName></edXML:To>";
        f.a.drop(SENDER_A, "doc74.edxml", (both.substring(0, end) + localTo + both.substring(end)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path localInbox = folder(f.a, f.home("a"), "000.00.05.H41", "inbox");
        await("01 from both receivers", WAIT, () -> contents(senderStatus).stream().filter(t -> t.contains("<edXML:StatusCode>01</edXML:StatusCode>")
                && t.contains("000.00.13.H41-2026.74</edXML:DocumentId>")).count() == 2);
        assertEquals(1, contents(localInbox).stream().filter(t -> t.contains("000.00.13.H41-2026.74")).count());
        assertEquals(1, contents(receiverInbox).stream().filter(t -> t.contains("000.00.13.H41-2026.74")).count());
        assertEquals("DELIVERED", f.a.sql("SELECT d.state FROM delivery d JOIN package p ON p.id = d.package_ref WHERE p.document_id = ?"
                + " AND p.kind = 'DOCUMENT' AND d.agency_id = ?", "000.00.13.H41-2026.74", "000.00.05.H41"));
        assertEquals("FORWARDED", f.a.sql("SELECT d.state FROM delivery d JOIN package p ON p.id = d.package_ref WHERE p.document_id = ?"
                + " AND p.kind = 'DOCUMENT' AND d.agency_id = ?", "000.00.13.H41-2026.74", RECEIVER_B));
        for (TestGatewayAccess other : new TestGatewayAccess[] {f.national, f.b}) {
            assertEquals(RECEIVER_B, other.sql("SELECT LISTAGG(r.receiver_id, ',') FROM recipient r JOIN document d ON d.id = r.document_ref"
                    + " WHERE d.document_id = ?", "000.00.13.H41-2026.74"), "only the receiver beyond the axis is recorded there");
        }

        Thread.sleep(1000);
        assertEquals(1, statuses(senderStatus, "000.00.13.H41-2026.71", "01"), "no status twice");
        assertEquals(1, contents(receiverInbox).stream().filter(t -> t.contains("000.00.13.H41-2026.71")).count(), "no document twice");
    }
}
