package vn.lienthong.adapter;

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
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * REST and SOAP are two mappings of one {@link AgencyService}: the same credentials are accepted (HTTP Basic with
 * organisation id + token over REST too, audited as a token), and a status is checked by the same rules (02 without
 * its reason: E200, over both; a status without description gets the code's name as description).
 */
class SameRulesOverRestAndSoapTest extends RunningGateway {
    static final String FILE_AGENCY = "000.00.13.H41";      // Sở TT&TT: drop folders
    static final String MAILBOX_AGENCY = "000.00.45.H41";   // UBND TP Vinh: mailbox
    static final ObjectMapper JSON = new ObjectMapper();
    HttpResponse<String> rest(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpUrl("/api/v1" + path)))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> soap(String operation, String authorization, String body) throws Exception {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:lt=\"urn:vn:lienthong:soap:v1\">"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        return http.send(HttpRequest.newBuilder(URI.create(soapAddress()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:vn:lienthong:soap:v1:" + operation + "\"").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String agency, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((agency + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneSetOfCredentialsAndStatusRulesForBothAdapters() throws Exception {
        String pkg = Files.readString(Path.of("demo/edoc_new.edxml"))
                .replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>", "<edXML:OrganId>" + MAILBOX_AGENCY + "</edXML:OrganId>")
                .replace("000.00.13.H41-2026.1<", "000.00.13.H41-2026.77<");
        gw.drop(FILE_AGENCY, "to-vinh.edxml", pkg.getBytes(StandardCharsets.UTF_8));
        String auth = basic(MAILBOX_AGENCY, "demo-token-vinh");
        JsonNode inbox = JSON.createArrayNode();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (inbox.isEmpty() && System.nanoTime() < deadline) {
            HttpResponse<String> list = rest("GET", "/documents", auth, null);
            assertEquals(200, list.statusCode(), "HTTP Basic (organisation id + token) works over REST as over SOAP: " + list.body());
            inbox = JSON.readTree(list.body());
            if (inbox.isEmpty()) Thread.sleep(50);
        }
        long id = inbox.get(0).get("id").asLong();
        assertEquals("token", gw.sql("SELECT auth_method FROM audit WHERE adapter = 'rest' AND outcome = 'ALLOWED'"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY"));
        assertEquals(401, rest("GET", "/documents", basic(FILE_AGENCY, "demo-token-vinh"), null).statusCode(),
                "a token presented as another agency's");

        HttpResponse<String> overRest = rest("POST", "/documents/" + id + "/status", auth, "{\"code\": \"02\"}");
        assertEquals(400, overRest.statusCode(), overRest.body());
        assertTrue(overRest.body().contains("E200"), overRest.body());
        HttpResponse<String> overSoap = soap("postStatus", auth, "<lt:postStatus><lt:id>" + id + "</lt:id><lt:code>02</lt:code></lt:postStatus>");
        assertTrue(overSoap.statusCode() == 500 && overSoap.body().contains("BAD_REQUEST") && overSoap.body().contains("E200"),
                "a refusal without its reason is refused over SOAP too: " + overSoap.body());

        HttpResponse<String> accepted = soap("postStatus", auth, "<lt:postStatus><lt:id>" + id + "</lt:id><lt:code>03</lt:code></lt:postStatus>");
        assertEquals(200, accepted.statusCode(), accepted.body());
        gw.awaitFile(FILE_AGENCY, "status", "Đã tiếp nhận, vào sổ");       // 03 relayed with its name as description
    }
}
