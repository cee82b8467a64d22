package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.adapter.vdxp.Captured.GET_RECEIVED;
import static vn.lienthong.adapter.vdxp.Captured.SECRET;
import static vn.lienthong.adapter.vdxp.Captured.SECRETS;
import static vn.lienthong.adapter.vdxp.Captured.SEND_EDOC;
import static vn.lienthong.adapter.vdxp.Captured.SYSTEM;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.vdxp.VdxpClientSigner.SignedRequest;

/** VDXP-PROTOCOL.md §4: the captured requests and replies, with the doc's credentials, byte for byte. */
class CapturedExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VdxpAuthenticator auth = new VdxpAuthenticator(SECRETS);

    // ------------------------------------------------------------------ sendEdoc

    @Test
    @DisplayName("§4 sendEdoc: the captured hash-header is HMAC-SHA256(test-secret, sign-header), lowercase hex")
    void sendEdocHmacIsTheDocsValue() {
        Captured c = Captured.load(SEND_EDOC);
        String hmac = VdxpCrypto.hmacSha256Hex(SECRET, c.header("XroadVnpt-sign-header"));
        assertEquals("50ade0c0c96ea3667a9ff675c54ce584fe9721185dc9dc428755f4888c3a2ab7", hmac);
        assertEquals(c.header("XroadVnpt-hash-header"), hmac);
    }

    @Test
    @DisplayName("§4 sendEdoc: the captured headers authenticate as 000.00.00.H12")
    void sendEdocSignatureVerifies() {
        VdxpRequest req = Captured.load(SEND_EDOC).request(Captured.withCrlf(Captured.placeholderFile()));
        VdxpAuthenticator.Result r = auth.verifySignature(req);
        assertTrue(r.ok(), r::toString);
        assertEquals(Optional.of(SYSTEM), r.systemId());
    }

    @Test
    @DisplayName("§4 sendEdoc: hash-file is the doc's digest in unpadded hex (61 characters)")
    void sendEdocHashFileIsUnpaddedDigest() {
        Captured c = Captured.load(SEND_EDOC);
        byte[] digest = HexFormat.of().parseHex(Captured.SEND_EDOC_FILE_SHA256);
        String hashFile = c.header("XroadVnpt-hash-file");
        assertEquals(VdxpCrypto.unpaddedHex(digest), hashFile);
        assertEquals(61, hashFile.length()); // the doc's prose says 60; the captured value has 61
        assertTrue(VdxpCrypto.hashFileMatches(hashFile, digest));
        assertFalse(VdxpCrypto.hashFileMatches(hashFile, VdxpCrypto.sha256(Captured.placeholderFile())));
    }

    @Test
    @DisplayName("§4 sendEdoc: with a body other than the captured file, full verification says BODY_HASH_MISMATCH")
    void sendEdocOtherBodyIsRefused() {
        VdxpRequest req = Captured.load(SEND_EDOC).request(Captured.withCrlf(Captured.placeholderFile()));
        VdxpAuthenticator.Result r = auth.verify(req);
        assertEquals(Optional.of(VdxpAuthenticator.Reason.BODY_HASH_MISMATCH), r.reason());
        assertEquals(Optional.empty(), r.systemId());
        assertEquals(Optional.of(SYSTEM), r.claimedSystemId());
    }

    @Test
    @DisplayName("§4 sendEdoc: the request parses (operation, from, types, timestamp with milliseconds 310)")
    void sendEdocParses() {
        VdxpRequest req = Captured.load(SEND_EDOC).request(Captured.withCrlf(Captured.placeholderFile()));
        assertEquals(Optional.of(VdxpOperation.SEND_EDOC), req.operation());
        assertEquals(Optional.of(SYSTEM), req.systemId());
        assertEquals(Optional.of(SYSTEM), req.from());
        assertEquals(Optional.of("eDoc"), req.serviceType());
        assertEquals(Optional.of("edoc"), req.messageType());
        assertEquals(Optional.of("21112026T105844+0310"), req.timestamp());
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 21, 10, 58, 44, 310_000_000)), req.timestampValue());
        assertEquals(Optional.of("3.0.201608"), req.version());
        assertEquals(List.of(), req.toCodes());
        assertEquals(350, req.edocFile().length);
        assertEquals("systemid;servicetype;messagetype;hash-file;from;timestamp;Content-Type", req.signHeaderKey().orElseThrow());
    }

    @Test
    @DisplayName("§4 sendEdoc: the client signer reproduces every captured header, in order")
    void signerReproducesSendEdoc() {
        Captured c = Captured.load(SEND_EDOC);
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310");
        SignedRequest sr = signer.signSendEdocWithDigest(
                "{\"from\":\"000.00.00.H12\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}",
                Captured.placeholderFile(), HexFormat.of().parseHex(Captured.SEND_EDOC_FILE_SHA256));
        assertEquals(c.headers, sr.wireHeaders("127.0.0.1:18080"));
        assertEquals("POST", sr.method());
        assertEquals(c.path, "/" + sr.operation().wireName());
        assertEquals(352, sr.body().length);
        assertEquals(c.header("XroadVnpt-sign-header"), sr.signHeader());
        assertEquals(c.header("XroadVnpt-hash-header"), sr.hashHeader());
    }

    @Test
    @DisplayName("§4 sendEdoc reply: the builder writes the captured reply byte for byte (\\u escapes, US-ASCII)")
    void sendEdocReply() throws Exception {
        String doc = Captured.resource("sendEdoc.reply.json").trim();
        String built = VdxpResponses.sendEdocOk("9f0c2a7e-0000-4000-8000-000000000001", "Thành công");
        assertEquals(doc, built);
        assertEquals(JSON.readTree(doc), JSON.readTree(built));
        assertEquals("Thành công", JSON.readTree(built).get("ErrorDesc").asText());
    }

    // ------------------------------------------------------------------ getReceivedEdocList

    @Test
    @DisplayName("§4 getReceivedEdocList: the captured hash-header is HMAC-SHA256(test-secret, sign-header)")
    void getReceivedHmacIsTheDocsValue() {
        Captured c = Captured.load(GET_RECEIVED);
        assertEquals("b8f4900c53f6d5e80107f6a26d2dfeda47d579ef64c20a44f2693c42e58b135d",
                VdxpCrypto.hmacSha256Hex(SECRET, c.header("XroadVnpt-sign-header")));
    }

    @Test
    @DisplayName("§4 getReceivedEdocList: the captured request (empty body) passes full verification")
    void getReceivedVerifies() {
        VdxpRequest req = Captured.load(GET_RECEIVED).request(new byte[0]);
        VdxpAuthenticator.Result r = auth.verify(req);
        assertTrue(r.ok(), r::toString);
        assertEquals(Optional.of(SYSTEM), r.systemId());
        assertEquals(Optional.of(VdxpOperation.GET_RECEIVED_EDOC_LIST), req.operation());
        assertEquals(Optional.of("eDoc"), req.serviceType());
        assertEquals(Optional.of("edoc"), req.messageType());
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 21, 10, 58, 44, 505_000_000)), req.timestampValue());
        assertEquals(Optional.of("application/json"), req.param("Content-Type"));
    }

    @Test
    @DisplayName("§4 getReceivedEdocList: the client signer reproduces every captured header, in order")
    void signerReproducesGetReceived() {
        Captured c = Captured.load(GET_RECEIVED);
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0505");
        SignedRequest sr = signer.sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}");
        assertEquals(c.headers, sr.wireHeaders("127.0.0.1:18080"));
        assertEquals(0, sr.body().length);
        assertEquals(c.header("XroadVnpt-sign-header-key"), sr.signHeaderKey());
    }

    @Test
    @DisplayName("§4 getReceivedEdocList reply: the builder writes the captured reply (same JSON tree, same bytes)")
    void getReceivedReply() throws Exception {
        String doc = Captured.resource("getReceivedEdocList.reply.json").trim();
        String built = VdxpResponses.receivedEdocList(List.of(new VdxpResponses.ReceivedEdoc(
                "11111111-2222-3333-4444-555555555555", "eDoc", "edoc", "2024-11-21 10:00:00", "2024-11-21 10:05:00",
                "000.00.01.H12", "000.00.00.H12", "initial", "Moi")));
        assertEquals(JSON.readTree(doc), JSON.readTree(built));
        assertEquals(doc, built);
    }

    @Test
    @DisplayName("§4: a server at /vdxp reached through the SDK sees the same operation (endpoint change only)")
    void endpointBasePath() {
        Captured c = Captured.load(GET_RECEIVED);
        VdxpRequest req = VdxpRequest.of("POST", "/vdxp" + c.path, c.headers, new byte[0]);
        assertEquals(Optional.of(VdxpOperation.GET_RECEIVED_EDOC_LIST), req.operation());
        assertTrue(auth.verify(req).ok());
    }
}
