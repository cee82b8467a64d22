package vn.lienthong.adapter.rest;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.RunningGateway;

/**
 * The REST adapter over real HTTP: a document handed in through a drop folder is fetched over REST
 * and answered over REST; a document handed in over REST reaches a drop-folder agency; tokens,
 * ownership (R20) and the audit log; the published OpenAPI document matches the running API.
 */
class RestApiTest extends RunningGateway {
    static final String FILE_AGENCY = "000.00.13.H41";      // Sở TT&TT: drop folders
    static final String REST_AGENCY = "000.00.45.H41";      // UBND TP Vinh: mailbox over HTTP
    static final String OTHER = "000.00.05.H41";
    static final ObjectMapper JSON = new ObjectMapper();
    HttpResponse<String> call(String method, String path, String token, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpUrl("/api/v1" + path))).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (type != null) b.header("Content-Type", type);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String demoTo(String receiver, String documentId) throws Exception {
        return Files.readString(Path.of("demo/edoc_new.edxml"))
                .replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>", "<edXML:OrganId>" + receiver + "</edXML:OrganId>")
                .replace("000.00.13.H41-2026.1<", documentId + "<");
    }

    JsonNode await(String token, String box, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode list = JSON.readTree(call("GET", "/documents?box=" + box, token, null, null).body());
            if (list.size() >= count) return list;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + count + " in " + box + ": " + list);
            Thread.sleep(50);
        }
    }

    @Test
    void fileAgencySendsRestAgencyFetchesAndAnswers() throws Exception {
        gw.drop(FILE_AGENCY, "to-vinh.edxml", demoTo(REST_AGENCY, "000.00.13.H41-2026.31").getBytes(StandardCharsets.UTF_8));
        JsonNode inbox = await("demo-token-vinh", "inbox", 1);
        JsonNode entry = inbox.get(0);
        assertEquals("000.00.13.H41-2026.31", entry.get("documentId").asText());
        assertTrue(entry.get("receipt").asText().contains("incomingNumber"), entry.toString());
        HttpResponse<String> doc = call("GET", "/documents/" + entry.get("id").asLong(), "demo-token-vinh", null, null);
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().contains("<edXML:DocumentId>000.00.13.H41-2026.31</edXML:DocumentId>"));
        gw.awaitFile(FILE_AGENCY, "status", ">01<");                          // in the REST agency's mailbox = arrived

        HttpResponse<String> status = call("POST", "/documents/" + entry.get("id").asLong() + "/status", "demo-token-vinh",
                "{\"code\": \"03\", \"description\": \"Đã vào sổ văn bản đến\"}", "application/json");
        assertEquals(202, status.statusCode(), status.body());
        assertEquals("accepted", JSON.readTree(status.body()).get("outcome").asText(), status.body());
        gw.awaitFile(FILE_AGENCY, "status", ">03<");                          // relayed to the drop-folder sender

        HttpResponse<String> history = call("GET", "/history?documentId=000.00.13.H41-2026.31&sender=" + FILE_AGENCY, "demo-token-vinh", null, null);
        assertEquals(200, history.statusCode(), history.body());
        assertTrue(history.body().contains("status 03"), history.body());
        assertTrue(JSON.readTree(call("GET", "/documents", "demo-token-vinh", null, null).body()).isEmpty(), "fetched ones are no longer listed");
    }

    @Test
    void restAgencySendsToADropFolderAgency() throws Exception {
        String pkg = demoTo(OTHER, "000.00.45.H41-2026.7").replace("<edXML:OrganId>000.00.13.H41</edXML:OrganId>",
                "<edXML:OrganId>" + REST_AGENCY + "</edXML:OrganId>");
        HttpResponse<String> r = call("POST", "/documents", "demo-token-vinh", pkg, "application/xml");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("accepted", answer.get("outcome").asText(), r.body());
        assertTrue(answer.get("receivedAt").asText().endsWith("+07:00"), r.body());
        gw.awaitFile(OTHER, "inbox", "000.00.45.H41-2026.7");
        JsonNode statuses = await("demo-token-vinh", "status", 1);            // its 01 waits in its mailbox
        long id = statuses.get(0).get("id").asLong();
        assertTrue(call("GET", "/documents/" + id, "demo-token-vinh", null, null).body().contains("<edXML:StatusCode>01</edXML:StatusCode>"));
        Thread.sleep(300);
        assertEquals(1, JSON.readTree(call("GET", "/documents?box=status&all=true", "demo-token-vinh", null, null).body()).size(),
                "exactly one 01");
    }

    @Test
    void anAgencyActsOnlyAsItselfAndReadsOnlyItsOwn() throws Exception {
        assertEquals(401, call("GET", "/documents", null, null, null).statusCode());
        assertEquals(401, call("GET", "/documents", "stolen-token", null, null).statusCode());
        // the Sở TT&TT's token may not send as UBND Vinh
        String forged = demoTo(OTHER, "000.00.45.H41-2026.8").replace("<edXML:OrganId>000.00.13.H41</edXML:OrganId>",
                "<edXML:OrganId>" + REST_AGENCY + "</edXML:OrganId>");
        HttpResponse<String> r = call("POST", "/documents", "demo-token-stttt", forged, "application/xml");
        assertEquals("refused", JSON.readTree(r.body()).get("outcome").asText(), r.body());
        assertTrue(r.body().contains("E301"), r.body());
        // another agency cannot fetch UBND Vinh's mail
        gw.drop(FILE_AGENCY, "to-vinh.edxml", demoTo(REST_AGENCY, "000.00.13.H41-2026.32").getBytes(StandardCharsets.UTF_8));
        long id = await("demo-token-vinh", "inbox", 1).get(0).get("id").asLong();
        assertEquals(404, call("GET", "/documents/" + id, "demo-token-snv", null, null).statusCode());
        assertEquals(404, call("GET", "/history?documentId=000.00.13.H41-2026.32&sender=" + FILE_AGENCY, "demo-token-snv", null, null).statusCode());
        long denied = gw.sql("SELECT COUNT(*) FROM audit WHERE outcome = 'DENIED'");
        long allowed = gw.sql("SELECT COUNT(*) FROM audit WHERE outcome = 'ALLOWED' AND agency_id = ?", REST_AGENCY);
        assertTrue(denied >= 4 && allowed >= 1, "every access is in the audit log: denied " + denied + ", allowed " + allowed);
    }

    @Test
    void publishedOpenApiMatchesTheRunningApi() throws Exception {
        HttpResponse<String> doc = call("GET", "/openapi.json", null, null, null);
        assertEquals(200, doc.statusCode());
        JsonNode api = JSON.readTree(doc.body());
        assertEquals(JSON.readTree(Files.readString(Path.of("schemas/openapi.json"))), api, "served = schemas/openapi.json");
        int checked = 0;
        int forms = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> methods = p.getValue().fieldNames(); methods.hasNext(); ) {
                String m = methods.next();
                String method = m.toUpperCase();
                String path = p.getKey().replace("{id}", "999999");
                String body = method.equals("POST") ? "{}" : null;
                int code = call(method, path, "demo-token-vinh", body, "application/json").statusCode();
                assertTrue(code != 405 && (code != 404 || path.contains("999999") || path.startsWith("/history")),
                        method + " " + p.getKey() + " is served (got " + code + ")");
                checked++;
                // every request form the document declares is understood by the running route
                JsonNode content = p.getValue().get(m).path("requestBody").path("content");
                for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
                    String type = types.next();
                    HttpResponse<String> r = switch (type) {
                        case "multipart/form-data" -> {
                            Multipart form = new Multipart().field("metadata", "{}");
                            yield http.send(HttpRequest.newBuilder(URI.create(httpUrl("/api/v1" + path))).header("Authorization", "Bearer demo-token-vinh")
                                    .header("Content-Type", form.contentType()).POST(form.publisher()).build(), HttpResponse.BodyHandlers.ofString());
                        }
                        case "application/xml" -> call(method, path, "demo-token-vinh", "<edXML/>", type);
                        default -> call(method, path, "demo-token-vinh", "{}", type);
                    };
                    assertTrue(r.statusCode() != 405 && r.statusCode() != 415 && r.statusCode() < 500,
                            method + " " + p.getKey() + " as " + type + ": " + r.statusCode() + " " + r.body());
                    if (type.equals("multipart/form-data")) {
                        // an empty form: answered with the documented refusal (every bad field with its reason code)
                        Multipart empty = new Multipart().field("metadata", "{}");
                        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(httpUrl("/api/v1" + path)))
                                .header("Authorization", "Bearer demo-token-vinh").header("Content-Type", empty.contentType())
                                .POST(empty.publisher()).build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(400, refused.statusCode(), refused.body());
                        JsonNode reasons = JSON.readTree(refused.body()).get("reasons");
                        assertTrue(reasons.size() >= 8, refused.body());
                        for (String f : new String[] {"code", "field", "vi", "en", "sentence"}) assertTrue(reasons.get(0).has(f), f);
                        forms++;
                    }
                }
            }
        }
        assertEquals(7, checked);
        assertEquals(1, forms, "the multipart form of POST /documents is documented");
        for (var route : gw.camel().getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (uri.startsWith("platform-http:///api/v1")) {
                String path = java.net.URLDecoder.decode(uri.substring("platform-http:///api/v1".length()).replaceAll("\\?.*", ""),
                        StandardCharsets.UTF_8);
                assertTrue(api.get("paths").has(path), "route " + uri + " is documented in openapi.json");
            }
        }
    }
}
