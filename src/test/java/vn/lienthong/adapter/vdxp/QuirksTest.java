package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.adapter.vdxp.Captured.GET_RECEIVED;
import static vn.lienthong.adapter.vdxp.Captured.SECRET;
import static vn.lienthong.adapter.vdxp.Captured.SECRETS;
import static vn.lienthong.adapter.vdxp.Captured.SYSTEM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.vdxp.VdxpAuthenticator.Reason;
import vn.lienthong.adapter.vdxp.VdxpClientSigner.SignedRequest;
import vn.lienthong.adapter.vdxp.VdxpRequest.EdocStatus;

/** One test per quirk that VDXP-PROTOCOL.md says a server must tolerate (§1, §2, §3, §5). */
class QuirksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VdxpAuthenticator auth = new VdxpAuthenticator(SECRETS);

    private static VdxpRequest edit(SignedRequest sr, String path, UnaryOperator<VdxpHeader> f) {
        List<VdxpHeader> out = new ArrayList<>();
        sr.wireHeaders("127.0.0.1:18080").forEach(h -> out.add(f.apply(h)));
        return VdxpRequest.of(sr.method(), path, out, sr.body());
    }

    // ------------------------------------------------------------------ §2 timestamp

    @Test
    @DisplayName("§2 timestamp: fixed at construction and reused — a years-old timestamp, sent again and again, is accepted")
    void staleReusedTimestamp() {
        VdxpClientSigner longLived = new VdxpClientSigner(SYSTEM, SECRET, "01012019T080000+0042");
        SignedRequest first = longLived.sign(VdxpOperation.COUNT_RECEIVE_EDOC, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}");
        SignedRequest again = longLived.sign(VdxpOperation.COUNT_RECEIVE_EDOC, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}");
        assertEquals(first.signHeader(), again.signHeader(), "no nonce: the same call is signed identically");
        VdxpRequest req = first.toRequest("/vdxp");
        assertTrue(auth.verify(req).ok());
        assertTrue(auth.verify(again.toRequest("/vdxp")).ok(), "a repeat is not refused (no uniqueness check)");
        assertEquals(2019, req.timestampValue().orElseThrow().getYear());
    }

    @Test
    @DisplayName("§2 timestamp: a value not in the SDK's form is not a reason to refuse (it is only signed)")
    void oddTimestamp() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "yesterday").sign(VdxpOperation.GET_AGENCIES_LIST, "{}");
        VdxpRequest req = sr.toRequest("/vdxp");
        assertTrue(auth.verify(req).ok());
        assertEquals(Optional.empty(), req.timestampValue());
    }

    // ------------------------------------------------------------------ §2 hash-file

    @Test
    @DisplayName("§2 hash-file: bytes written as hex without zero padding (0x0e → e, 0x00 → 0) are accepted")
    void unpaddedHashFile() {
        byte[] file = fileWithSmallDigestBytes();
        String unpadded = VdxpCrypto.sha256UnpaddedHex(file);
        assertTrue(unpadded.length() < 64, unpadded);
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.SEND_EDOC, "{\"from\":\"000.00.00.H12\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}", file);
        VdxpRequest req = sr.toRequest("/vdxp");
        assertEquals(Optional.of(unpadded), req.hashFile());
        VdxpAuthenticator.Result r = auth.verify(req);
        assertTrue(r.ok(), r::toString);
        assertArrayEquals(file, r.file().orElseThrow());
    }

    @Test
    @DisplayName("§2 hash-file: a client that pads (64 hex, any case) is accepted too")
    void paddedHashFile() {
        byte[] file = fileWithSmallDigestBytes();
        String padded = VdxpCrypto.hex(VdxpCrypto.sha256(file)).toUpperCase(Locale.ROOT);
        String sign = "{\"XroadVnpt-systemid\":\"000.00.00.H12\",\"XroadVnpt-hash-file\":\"" + padded + "\"}";
        List<VdxpHeader> h = List.of(
                new VdxpHeader("XroadVnpt-systemid", SYSTEM),
                new VdxpHeader("XroadVnpt-hash-file", padded),
                new VdxpHeader("XroadVnpt-sign-header", sign),
                new VdxpHeader("XroadVnpt-hash-header", VdxpCrypto.hmacSha256Hex(SECRET, sign)));
        assertTrue(auth.verify(VdxpRequest.of("POST", "/sendEdoc", h, Captured.withCrlf(file))).ok());
    }

    /** A file whose SHA-256 has at least two bytes below 0x10, so the unpadded hex is visibly shorter. */
    private static byte[] fileWithSmallDigestBytes() {
        for (int i = 0; ; i++) {
            byte[] f = ("<edXML><n>" + i + "</n></edXML>").getBytes(StandardCharsets.UTF_8);
            if (VdxpCrypto.sha256UnpaddedHex(f).length() <= 62) {
                return f;
            }
        }
    }

    // ------------------------------------------------------------------ §2 non-ASCII

    @Test
    @DisplayName("§2 non-ASCII header values: UTF-8 bytes that the server decoded one byte per character still verify")
    void nonAsciiHeaderDecodedAsLatin1() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0505")
                .sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\",\"note\":\"Công văn đến\"}");
        VdxpRequest latin1 = edit(sr, "/vdxp/getReceivedEdocList",
                h -> new VdxpHeader(h.name(), new String(h.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        VdxpAuthenticator.Result r = auth.verify(latin1);
        assertTrue(r.ok(), r::toString);
        assertEquals(Optional.of("Công văn đến"), latin1.param("note"));

        VdxpRequest utf8 = edit(sr, "/vdxp/getReceivedEdocList", h -> h);
        assertTrue(auth.verify(utf8).ok(), "a server that decodes UTF-8 is fine too");
    }

    @Test
    @DisplayName("§2 non-ASCII header values: HttpClient with an explicit port truncates characters — unverifiable, BAD_SIGNATURE")
    void nonAsciiTruncatedIsUnverifiable() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0505")
                .sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"note\":\"ấ\"}");
        VdxpRequest truncated = edit(sr, "/getReceivedEdocList", h -> {
            StringBuilder sb = new StringBuilder();
            h.value().chars().forEach(c -> sb.append((char) (c & 0xFF)));
            return new VdxpHeader(h.name(), sb.toString());
        });
        assertEquals(Optional.of(Reason.BAD_SIGNATURE), auth.verify(truncated).reason());
    }

    // ------------------------------------------------------------------ §1 header case

    @Test
    @DisplayName("§1 header case: names arrive lowercased (HTTP/2, proxies) or uppercased — still verified and read")
    void headerNameCase() {
        Captured c = Captured.load(GET_RECEIVED);
        VdxpRequest lower = c.request(h -> new VdxpHeader(h.name().toLowerCase(Locale.ROOT), h.value()), new byte[0]);
        VdxpRequest upper = c.request(h -> new VdxpHeader(h.name().toUpperCase(Locale.ROOT), h.value()), new byte[0]);
        assertTrue(auth.verify(lower).ok());
        assertTrue(auth.verify(upper).ok());
        assertEquals(Optional.of("eDoc"), lower.serviceType());
        assertEquals(Optional.of(SYSTEM), upper.systemId());
    }

    // ------------------------------------------------------------------ §1 / §4 to

    @Test
    @DisplayName("§1/§4 sendEdoc to: re-serialised as JSON, so XroadVnpt-to carries the quotes; parsed as JSON")
    void toIsJsonText() {
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310");
        SignedRequest one = signer.sign(VdxpOperation.SEND_EDOC,
                "{\"from\":\"000.00.00.H12\",\"to\":\"000.00.01.H12\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}",
                Captured.utf8("<edXML/>"));
        VdxpRequest r1 = one.toRequest("/vdxp");
        assertEquals(Optional.of("\"000.00.01.H12\""), r1.header("XroadVnpt-to"));
        assertTrue(one.signHeader().contains("\"XroadVnpt-to\":\"\\\"000.00.01.H12\\\"\""), one.signHeader());
        assertTrue(auth.verify(r1).ok());
        assertEquals(List.of("000.00.01.H12"), r1.toCodes());

        SignedRequest list = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310").sign(VdxpOperation.SEND_EDOC,
                "{\"from\":\"000.00.00.H12\",\"to\":[{\"code\":\"X\"}]}", Captured.utf8("<edXML/>"));
        VdxpRequest r2 = list.toRequest("/vdxp");
        assertEquals(Optional.of("[{\"code\":\"X\"}]"), r2.header("XroadVnpt-to"));
        assertTrue(auth.verify(r2).ok());
        assertEquals(List.of("X"), r2.toCodes());
    }

    // ------------------------------------------------------------------ §1 endpoint with trailing slash

    @Test
    @DisplayName("§1 URL: an endpoint configured with a trailing / makes the SDK request //op — same operation")
    void doubleSlashPath() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.GET_EDOC, "{\"docId\":\"d-1\",\"filePath\":\"C:\\\\edoc\"}");
        assertEquals("http://gw:8080/vdxp//getEdoc", sr.url("http://gw:8080/vdxp/"));
        VdxpRequest req = VdxpRequest.of("POST", "/vdxp//getEdoc", sr.headers(), sr.body());
        assertEquals(Optional.of(VdxpOperation.GET_EDOC), req.operation());
        assertTrue(auth.verify(req).ok());
        assertEquals(Optional.of("d-1"), req.docId());
    }

    // ------------------------------------------------------------------ §5.1 leakage

    @Test
    @DisplayName("§5.1 header leakage: getReceivedEdocList after getEdoc and sendEdoc carries docId, filePath, hash-file — accepted")
    void leakedHeaders() {
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310");
        signer.sign(VdxpOperation.SEND_EDOC, "{\"from\":\"000.00.00.H12\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}",
                Captured.utf8("<edXML/>"));
        signer.sign(VdxpOperation.GET_EDOC, "{\"docId\":\"d-1\",\"filePath\":\"/tmp/edoc\"}");
        SignedRequest sr = signer.sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}");
        VdxpRequest req = sr.toRequest("/vdxp");
        for (String leaked : List.of("XroadVnpt-docId", "XroadVnpt-filePath", "XroadVnpt-hash-file", "XroadVnpt-from")) {
            assertTrue(req.header(leaked).isPresent(), leaked);
        }
        assertEquals(Optional.of("application/json"), req.header("XroadVnpt-Content-Type"), "Content-Type is updated in place");
        VdxpAuthenticator.Result r = auth.verify(req);
        assertTrue(r.ok(), r::toString);
    }

    // ------------------------------------------------------------------ §5.2 invalid caller JSON

    @Test
    @DisplayName("§5.2 invalid caller JSON: {\"status\":\"done\",\"docId\":0dbcb61d-…} (unquoted) is sent as a plain header and read")
    void unquotedDocId() {
        String docId = "0dbcb61d-7a1e-4c52-9f0e-1a2b3c4d5e6f";
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.UPDATE_STATUS, "{\"status\":\"done\",\"docId\":" + docId + "}");
        VdxpRequest req = sr.toRequest("/vdxp");
        assertEquals(Optional.of(docId), req.header("XroadVnpt-docId"));
        assertTrue(auth.verify(req).ok());
        assertEquals(Optional.of(docId), req.docId());
        assertEquals(Optional.of(EdocStatus.DONE), req.edocStatus());
    }

    @Test
    @DisplayName("§5.2 docid and docId: names match ignoring case; when both leak, the documented docId wins")
    void docIdCase() {
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310");
        VdxpRequest lower = signer.sign(VdxpOperation.GET_EDOC, "{\"docid\":\"old-doc\"}").toRequest("/vdxp");
        assertTrue(auth.verify(lower).ok());
        assertEquals(Optional.of("old-doc"), lower.docId());

        VdxpRequest both = signer.sign(VdxpOperation.UPDATE_STATUS, "{\"status\":\"processing\",\"docId\":\"new-doc\"}")
                .toRequest("/vdxp");
        assertEquals(2, both.headers("xroadvnpt-docid").size());
        assertTrue(auth.verify(both).ok());
        assertEquals(Optional.of("new-doc"), both.docId());
        assertEquals(Optional.of(EdocStatus.PROCESSING), both.edocStatus());
    }

    // ------------------------------------------------------------------ §5.3 status codes and content types

    @Test
    @DisplayName("§5.3 status codes and content types: replies are 200 and pure ASCII; the request's plain Content-Type is not relied on")
    void statusCodesAndContentTypes() {
        assertEquals(200, VdxpResponses.HTTP_STATUS);
        for (String reply : List.of(VdxpResponses.sendEdocOk("d", "Thành công"), VdxpResponses.fail("500", "Lỗi hệ thống"),
                VdxpResponses.sendEdocFail("401", "Sai chữ ký"))) {
            assertTrue(reply.chars().allMatch(c -> c < 0x80), reply);
        }
        Captured c = Captured.load(GET_RECEIVED);
        VdxpRequest req = c.request(Captured.replace("Content-Type", "text/plain; charset=ISO-8859-1"), new byte[0]);
        assertTrue(auth.verify(req).ok());
    }

    // ------------------------------------------------------------------ §5.4 retries

    @Test
    @DisplayName("§5.4 retries: a re-sent sendEdoc verifies again with the same sender and file digest (idempotency key)")
    void retriedSendEdoc() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.SEND_EDOC, "{\"from\":\"000.00.00.H12\"}", Captured.utf8("<edXML>1</edXML>"));
        VdxpAuthenticator.Result first = auth.verify(sr.toRequest("/vdxp"));
        VdxpAuthenticator.Result resent = auth.verify(sr.toRequest("/vdxp"));
        assertTrue(first.ok() && resent.ok());
        assertEquals(first.systemId().orElseThrow() + "/" + first.fileSha256Hex().orElseThrow(),
                resent.systemId().orElseThrow() + "/" + resent.fileSha256Hex().orElseThrow());
    }

    // ------------------------------------------------------------------ §5.5 connections and 100-continue

    @Test
    @DisplayName("§5.5 connections and 100-continue: the HttpClient transport headers (Expect, Keep-Alive) do not disturb verification")
    void expectContinue() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.UPDATE_STATUS, "{\"status\":\"fail\",\"docId\":\"d-1\"}");
        List<VdxpHeader> wire = sr.wireHeaders("gw:8080");
        assertTrue(wire.contains(new VdxpHeader("Expect", "100-continue")));
        assertTrue(wire.contains(new VdxpHeader("Connection", "Keep-Alive")));
        VdxpRequest req = VdxpRequest.of("POST", "/vdxp/updateStatus", wire, sr.body());
        assertTrue(auth.verify(req).ok());
        assertEquals(Optional.of(EdocStatus.FAIL), req.edocStatus());
    }

    // ------------------------------------------------------------------ §5.6 failure results

    @Test
    @DisplayName("§5.6 failure results differ by operation: every failure reply has the three base keys; sendEdoc adds DocId; downloadEdoc is empty")
    void failureShapes() throws Exception {
        for (VdxpOperation op : VdxpOperation.values()) {
            byte[] body = VdxpResponses.failure(op, "401", "Không xác thực được");
            if (op == VdxpOperation.DOWNLOAD_EDOC) {
                assertEquals(0, body.length, "the SDK would save a JSON error as the document");
                continue;
            }
            JsonNode n = JSON.readTree(body);
            assertEquals("FAIL", n.get("status").asText(), op.name());
            assertEquals("401", n.get("ErrorCode").asText());
            assertEquals("Không xác thực được", n.get("ErrorDesc").asText());
            assertEquals(op == VdxpOperation.SEND_EDOC, n.has("DocId"), op.name());
        }
    }

    // ------------------------------------------------------------------ §5.7 downloadEdoc2

    @Test
    @DisplayName("§5.7 downloadEdoc2: a bare GET /downloadEdoc without XroadVnpt headers is refused (MISSING_HEADER) with an empty body")
    void downloadEdoc2() {
        VdxpRequest bare = VdxpRequest.of("GET", "/vdxp/downloadEdoc",
                List.of(new VdxpHeader("Host", "gw:8080"), new VdxpHeader("User-Agent", "Apache-HttpClient/4.5.6 (Java/1.8.0)")),
                new byte[0]);
        assertEquals(Optional.of(VdxpOperation.DOWNLOAD_EDOC), bare.operation());
        VdxpAuthenticator.Result r = auth.verify(bare);
        assertEquals(Optional.of(Reason.MISSING_HEADER), r.reason());
        assertEquals(Optional.empty(), r.claimedSystemId());
        assertEquals(0, VdxpResponses.failure(VdxpOperation.DOWNLOAD_EDOC, "401", "unsigned").length);
    }

    // ------------------------------------------------------------------ §3 JSON leniency, methods

    @Test
    @DisplayName("§3 JSON leniency: registerAgency's data may be invalid JSON (the SDK's example) — signature unaffected, body read leniently")
    void lenientRegisterAgencyBody() {
        String data = "{code:'000.00.02.H12', name:\"Sở Nội vụ\"; mail=noivu@example.vn}";
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.REGISTER_AGENCY, "{}", data.getBytes(StandardCharsets.UTF_8));
        VdxpRequest req = sr.toRequest("/vdxp");
        assertTrue(auth.verify(req).ok());
        JsonNode n = req.jsonBody().orElseThrow();
        assertEquals("000.00.02.H12", n.get("code").asText());
        assertEquals("Sở Nội vụ", n.get("name").asText());
        assertEquals("noivu@example.vn", n.get("mail").asText());

        VdxpRequest garbage = VdxpRequest.of("POST", "/registerAgency", sr.headers(), Captured.utf8("{\"a\":"));
        assertTrue(auth.verify(garbage).ok(), "registerAgency's body is not signed");
        assertFalse(garbage.jsonBody().isPresent());
    }

    @Test
    @DisplayName("§3 countReceiveEdoc: the SDK says GET but sends POST — the method does not matter to verification")
    void methodIsNotChecked() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.COUNT_RECEIVE_EDOC, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}");
        assertEquals("POST", sr.method());
        assertTrue(auth.verify(VdxpRequest.of("GET", "/vdxp/countReceiveEdoc", sr.headers(), new byte[0])).ok());
    }
}
