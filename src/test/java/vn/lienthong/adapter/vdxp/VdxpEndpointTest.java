package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.RunningGateway;

/**
 * The national-axis-compatible API over real HTTP, driven as the Government Office's SDK drives it
 * (same XroadVnpt-* headers and HMAC): a system changes only its endpoint to reach the province.
 */
class VdxpEndpointTest extends RunningGateway {
    static final String SDK_AGENCY = "000.00.45.H41";
    static final String FILE_AGENCY = "000.00.13.H41";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> RESTRICTED = Set.of("content-length", "expect", "connection", "host", "upgrade", "user-agent");
    JsonNode call(String secret, VdxpOperation op, String callerJson, byte[] payload) throws Exception {
        VdxpClientSigner sdk = new VdxpClientSigner(SDK_AGENCY, secret, Clock.systemUTC());
        VdxpClientSigner.SignedRequest s = payload == null ? sdk.sign(op, callerJson) : sdk.sign(op, callerJson, payload);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(httpUrl("/vdxp")))).timeout(Duration.ofSeconds(10));
        for (VdxpHeader h : s.headers()) {
            if (!RESTRICTED.contains(h.name().toLowerCase())) b.header(h.name(), h.value());
        }
        b.method(s.method(), s.body() == null || s.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(s.body()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), "the SDK ignores HTTP status; the gateway always answers 200");
        return JSON.readTree(r.body());
    }

    static byte[] pkg(String from, String to, String documentId) throws Exception {
        return Files.readString(Path.of("demo/edoc_new.edxml"))
                .replace("<edXML:OrganId>000.00.13.H41</edXML:OrganId>", "<edXML:OrganId>" + from + "</edXML:OrganId>")
                .replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>", "<edXML:OrganId>" + to + "</edXML:OrganId>")
                .replace("000.00.13.H41-2026.1<", documentId + "<").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sdkSystemSendsToADropFolderAgency() throws Exception {
        JsonNode r = call("demo-secret-vinh", VdxpOperation.SEND_EDOC,
                "{\"from\":\"" + SDK_AGENCY + "\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}",
                pkg(SDK_AGENCY, "000.00.05.H41", "000.00.45.H41-2026.9"));
        assertEquals("OK", r.get("status").asText(), r.toString());
        assertFalse(r.get("DocId").asText().isBlank(), r.toString());
        gw.awaitFile("000.00.05.H41", "inbox", "000.00.45.H41-2026.9");
    }

    @Test
    void sdkSystemReceivesFetchesAndAcknowledges() throws Exception {
        gw.drop(FILE_AGENCY, "to-vinh.edxml", pkg(FILE_AGENCY, SDK_AGENCY, "000.00.13.H41-2026.41"));
        JsonNode list = null;
        for (int i = 0; i < 200; i++) {
            list = call("demo-secret-vinh", VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}", null);
            if (list.get("data").size() > 0) break;
            Thread.sleep(50);
        }
        assertEquals(1, list.get("data").size(), list.toString());
        String docId = list.get("data").get(0).get("docId").asText();
        JsonNode edoc = call("demo-secret-vinh", VdxpOperation.GET_EDOC, "{\"docId\":\"" + docId + "\",\"filePath\":\"/tmp\"}", null);
        String xml = new String(Base64.getDecoder().decode(edoc.get("data").asText()), StandardCharsets.UTF_8);
        assertTrue(xml.contains("000.00.13.H41-2026.41"), edoc.toString());
        JsonNode ack = call("demo-secret-vinh", VdxpOperation.UPDATE_STATUS, "{\"docId\":\"" + docId + "\",\"status\":\"done\"}", null);
        assertEquals("OK", ack.get("status").asText(), ack.toString());
        JsonNode after = call("demo-secret-vinh", VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}", null);
        assertEquals(0, after.get("data").size(), "acknowledged documents are no longer listed");
        JsonNode agencies = call("demo-secret-vinh", VdxpOperation.GET_AGENCIES_LIST, "{}", null);
        assertEquals(4, agencies.get("data").size(), agencies.toString());
    }

    @Test
    void wrongSecretForgedSenderAndAnotherAgencysDocumentAreRefused() throws Exception {
        JsonNode bad = call("not-the-secret", VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}", null);
        assertEquals("FAIL", bad.get("status").asText(), bad.toString());
        JsonNode forged = call("demo-secret-vinh", VdxpOperation.SEND_EDOC,
                "{\"from\":\"" + FILE_AGENCY + "\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}",
                pkg(FILE_AGENCY, "000.00.05.H41", "000.00.13.H41-2026.42"));
        assertEquals("FAIL", forged.get("status").asText(), forged.toString());
        JsonNode notMine = call("demo-secret-vinh", VdxpOperation.GET_EDOC, "{\"docId\":\"999\",\"filePath\":\"/tmp\"}", null);
        assertEquals("FAIL", notMine.get("status").asText(), notMine.toString());
        long denied = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'vdxp' AND outcome = 'DENIED'");
        assertTrue(denied >= 3, "denials are audited: " + denied);
        long other = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'vdxp' AND (auth_method IS NULL OR auth_method <> 'hmac')");
        assertEquals(0L, other, "every /vdxp audit line says the agency authenticated by HMAC");
    }
}
