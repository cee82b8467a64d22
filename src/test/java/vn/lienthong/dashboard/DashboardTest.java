package vn.lienthong.dashboard;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations dashboard over real HTTP on a real gateway: login (right and wrong password, both
 * audited), no data without a session, today's flows, queues, refusals with their Vietnamese reason,
 * a document's timeline, and a document nobody answers reported as stuck (on the dashboard and in the log).
 */
class DashboardTest {
    @TempDir Path home;
    DashboardFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new DashboardFixture(home, databaseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) f.close();
        dropDatabase();
    }

    /** The tracking store: null for H2 (overridden for PostgreSQL). */
    String databaseUrl() throws Exception {
        return null;
    }

    void dropDatabase() throws Exception { }

    @Test
    void wrongPasswordIsRefusedAndAudited() throws Exception {
        HttpResponse<String> r = f.login(DashboardFixture.OPERATOR, "not-the-password");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("Tên đăng nhập hoặc mật khẩu không đúng"), r.body());
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "no session for a wrong password");
        assertEquals(401, f.login("nobody", "whatever").statusCode());
        long denied = f.gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'dashboard' AND action = 'login' AND outcome = 'DENIED'");
        assertEquals(2, denied);
        assertEquals("operator", f.gw.sql("SELECT target FROM audit WHERE adapter = 'dashboard' AND outcome = 'DENIED' ORDER BY id"));

        HttpResponse<String> ok = f.login(DashboardFixture.OPERATOR, DashboardFixture.PASSWORD);
        assertEquals(303, ok.statusCode());
        assertEquals("/dashboard", ok.headers().firstValue("Location").orElseThrow());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(Sessions.COOKIE + "=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
                && cookie.contains("Max-Age=28800"), cookie);
        assertTrue(cookie.split(";")[0].length() > Sessions.COOKIE.length() + 40, "a long random session id: " + cookie);
        long allowed = f.gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'dashboard' AND action = 'login' AND outcome = 'ALLOWED'");
        assertEquals(1, allowed);
    }

    @Test
    void nothingWithoutASession() throws Exception {
        for (String api : List.of("me", "flows", "queues", "refusals", "stuck", "documents?q=x", "trace?documentId=x")) {
            HttpResponse<String> r = f.get("/dashboard/api/" + api, null);
            assertEquals(401, r.statusCode(), api);
            assertFalse(r.body().contains("000."), api + " leaks nothing: " + r.body());
            assertEquals(401, f.get("/dashboard/api/" + api, Sessions.COOKIE + "=forged-session-id").statusCode(), api);
        }
        HttpResponse<String> page = f.get("/dashboard", null);
        assertEquals(303, page.statusCode());
        assertEquals("/dashboard/login", page.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> form = f.get("/dashboard/login", null);
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("Đăng nhập"));
        // after logout the old cookie is worthless
        String cookie = f.session();
        assertEquals(200, f.get("/dashboard/api/me", cookie).statusCode());
        var logout = f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base + "/dashboard/logout"))
                .header("Cookie", cookie).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, f.get("/dashboard/api/me", cookie).statusCode());
    }

    @Test
    void panelsShowTodaysFlowsQueuesRefusalsTimelineAndStuckDocuments() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("stuck-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                log.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        var logger = (org.apache.logging.log4j.core.Logger) LogManager.getLogger("vn.lienthong.operations");
        logger.addAppender(capture);
        try {
            f.sendAndAwaitArrival("000.00.13.H41-2026.501");
            f.gw.drop(DashboardFixture.SENDER, "broken.edxml", "<?xml version=\"1.0\"?><hello/>".getBytes(StandardCharsets.UTF_8));
            String cookie = f.session();

            JsonNode flows = f.json("/dashboard/api/flows", cookie);
            JsonNode sender = find(flows, "agency", DashboardFixture.SENDER);
            assertEquals(1, sender.get("sent").asInt(), flows.toString());
            assertEquals("Sở Thông tin và Truyền thông tỉnh Nghệ An", sender.get("name").asText());
            assertEquals(1, find(flows, "agency", DashboardFixture.RECEIVER).get("received").asInt(), flows.toString());
            awaitJson(cookie, "/dashboard/api/flows", j -> find(j, "agency", DashboardFixture.SENDER).get("refused").asInt() == 1);

            JsonNode queues = f.json("/dashboard/api/queues", cookie);
            assertTrue(find(queues, "queue", "lienthong.inbound").get("depth").asLong() >= 0, queues.toString());
            assertNotNull(find(queues, "queue", "lienthong.agency." + DashboardFixture.RECEIVER), queues.toString());
            assertNotNull(find(queues, "queue", "lienthong.dead"), queues.toString());

            JsonNode refusal = f.json("/dashboard/api/refusals", cookie).get(0);
            assertEquals("E105", refusal.get("reasonCode").asText(), refusal.toString());
            assertEquals("Gói tin không phải edXML (sai phần tử gốc hoặc không gian tên)", refusal.get("reasonVi").asText());
            assertEquals(DashboardFixture.SENDER, refusal.get("agency").asText());
            assertTrue(refusal.get("at").asText().endsWith("+07:00"), refusal.toString());

            JsonNode found = f.json("/dashboard/api/documents?q=2026.501", cookie);
            assertEquals(1, found.size(), found.toString());
            assertEquals("01", found.get(0).get("receivers").get(0).get("statusCode").asText());
            JsonNode timeline = f.json("/dashboard/api/trace?documentId=000.00.13.H41-2026.501", cookie);
            JsonNode arrived = find(timeline, "statusCode", "01");
            assertNotNull(arrived, timeline.toString());
            assertEquals("Đã đến", arrived.get("statusLabel").asText());
            assertTrue(arrived.get("at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00"), arrived.toString());

            // the receiver never answers: after stuck-after (PT1S in this test) the document is stuck in 01
            JsonNode stuck = awaitJson(cookie, "/dashboard/api/stuck", j -> j.get("documents").size() == 1);
            assertEquals("PT1S", stuck.get("stuckAfter").asText());
            JsonNode doc = stuck.get("documents").get(0);
            assertEquals("000.00.13.H41-2026.501", doc.get("documentId").asText());
            assertEquals(DashboardFixture.RECEIVER, doc.get("receiver").asText());
            assertEquals("01", doc.get("statusCode").asText());
            assertEquals(arrived.get("at").asText(), doc.get("since").asText(), "stuck since its 01");
            // ... and the periodic check logs it
            WebDriver.await("the stuck-document log line", () -> log.stream().anyMatch(l -> l.startsWith(
                    "STUCK document 000.00.13.H41-2026.501 from 000.00.13.H41 at "
                            + DashboardFixture.RECEIVER + ": status 01 (Đã đến) since ")));

            // once the receiver answers 03 the document is no longer stuck until stuck-after passes again
            f.gw.drop(DashboardFixture.RECEIVER, "status-03.edxml", statusPacket("000.00.13.H41-2026.501", "03"));
            f.gw.awaitFile(DashboardFixture.SENDER, "status", ">03<");
            JsonNode after = f.json("/dashboard/api/stuck", cookie);
            assertTrue(after.get("documents").isEmpty() || !after.get("documents").get(0).get("statusCode").asText().equals("01"),
                    after.toString());
        } finally {
            logger.removeAppender(capture);
        }
    }

    static byte[] statusPacket(String documentId, String code) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        new vn.lienthong.edxml.EdxmlWriter().writeStatus(new vn.lienthong.edxml.StatusPacket(
                vn.lienthong.edxml.Organization.ofId(DashboardFixture.RECEIVER, DashboardFixture.RECEIVER),
                new vn.lienthong.edxml.ResponseFor(DashboardFixture.SENDER, "74fass22/VPCP-TTĐT", "2019/01/16", documentId), null, code,
                "Trạng thái " + code, "2026/11/21 09:00:00"), out);
        return out.toByteArray();
    }

    JsonNode awaitJson(String cookie, String path, java.util.function.Predicate<JsonNode> ok) throws Exception {
        JsonNode[] last = new JsonNode[1];
        WebDriver.await(path, () -> {
            try {
                last[0] = f.json(path, cookie);
                return ok.test(last[0]);
            } catch (Exception e) {
                return false;
            }
        });
        return last[0];
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) if (value.equals(n.path(field).asText(null))) return n;
        return null;
    }
}
