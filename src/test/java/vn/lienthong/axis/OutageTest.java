package vn.lienthong.axis;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.axis.Federation.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.tracking.Jdbc;

/**
 * R18 store and forward: the national axis goes down while Nghệ An keeps sending (normal and urgent
 * documents mixed); the packages wait on the durable outbound queue, survive a restart of the
 * provincial gateway during the outage, and when the axis is back every one is delivered to Hà Tĩnh,
 * urgent ones first, none twice, each answered with exactly one 01.
 */
@Timeout(150)
class OutageTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int N = 12;
    @TempDir Path root;
    Federation f;

    @AfterEach
    void stop() throws Exception {
        if (f != null) f.close();
    }

    static boolean urgent(int i) {
        return i % 3 == 1;                                   // 4 of 12 are hỏa tốc, dropped between normal ones
    }

    static String id(int i) {
        return "000.00.13.H41-2026." + (100 + i);
    }

    @Test
    void packagesWaitSurviveARestartAndGoUrgentFirstWhenTheAxisIsBack() throws Exception {
        f = new Federation(root).start();
        int port = f.nationalPort;
        f.national.close();                                  // the national axis is down

        for (int i = 0; i < N; i++) {
            f.a.drop(SENDER_A, "doc" + i + ".edxml", document(id(i), urgent(i) ? 3 : 0, 0));
        }
        await("all packages recorded and waiting for the axis", WAIT, () -> count(f.a.sql(
                "SELECT COUNT(*) FROM delivery WHERE agency_id = ? AND state = 'QUEUED'", RECEIVER_B)) == N);
        Thread.sleep(500);                                   // a few failed attempts on the held package
        assertTrue(count(f.a.sql("SELECT COALESCE(MAX(attempts), 0) FROM axis_outbound")) >= 1, "the axis was tried");

        f.restartA();                                        // nothing is lost across a restart during the outage
        Thread.sleep(800);
        assertEquals(N, count(f.a.sql("SELECT COUNT(*) FROM delivery WHERE agency_id = ? AND state = 'QUEUED'", RECEIVER_B)));
        assertEquals(0L, count(f.a.sql("SELECT COUNT(*) FROM axis_outbound WHERE sent_at IS NOT NULL")));

        f.startNational(port);                               // the axis is back
        Path inbox = folder(f.b, f.home("b"), RECEIVER_B, "inbox");
        Path senderStatus = folder(f.a, f.home("a"), SENDER_A, "status");
        await("every package in Hà Tĩnh", WAIT, () -> contents(inbox).size() == N);
        await("every 01 back in Nghệ An", WAIT, () -> contents(senderStatus).stream()
                .filter(t -> t.contains("<edXML:StatusCode>01</edXML:StatusCode>")).count() == N);
        Thread.sleep(1500);                                  // nothing more comes

        // none twice: each document once in the receiver's inbox, one 01 each at the sender
        List<String> received = new ArrayList<>();
        Pattern doc = Pattern.compile("<edXML:DocumentId>(000\\.00\\.13\\.H41-2026\\.\\d+)</edXML:DocumentId>");
        for (String t : contents(inbox)) {
            Matcher m = doc.matcher(t);
            assertTrue(m.find());
            received.add(m.group(1));
        }
        assertEquals(N, received.stream().distinct().count(), "no document twice: " + received);
        assertEquals(N, contents(inbox).size());
        for (int i = 0; i < N; i++) assertEquals(1, statuses(senderStatus, id(i), "01"), "one 01 for " + id(i));
        assertEquals(N, count(f.a.sql("SELECT COUNT(*) FROM delivery WHERE agency_id = ? AND state = 'FORWARDED'", RECEIVER_B)));

        // urgent first: the order the province sent them in once the axis was back
        List<String> order = sentOrder();
        assertEquals(N, order.size(), order.toString());
        int lastUrgent = -1;
        int firstNormal = N;
        for (int k = 0; k < order.size(); k++) {
            int i = Integer.parseInt(order.get(k).substring(order.get(k).lastIndexOf('.') + 1)) - 100;
            if (urgent(i)) lastUrgent = Math.max(lastUrgent, k);
            else firstNormal = Math.min(firstNormal, k);
        }
        assertTrue(lastUrgent < firstNormal, "every hỏa tốc package before any normal one: " + order);
    }

    List<String> sentOrder() {
        return f.a.store().inTransaction(c -> Jdbc.list(c, "SELECT p.document_id FROM axis_outbound o JOIN package p ON p.id = o.package_ref"
                + " WHERE o.send_key LIKE 'doc:%' ORDER BY o.sent_at, o.package_ref", rs -> rs.getString(1)));
    }

    static long count(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
