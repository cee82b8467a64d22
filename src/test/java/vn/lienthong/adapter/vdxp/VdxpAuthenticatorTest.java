package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.adapter.vdxp.Captured.GET_RECEIVED;
import static vn.lienthong.adapter.vdxp.Captured.OTHER_SECRET;
import static vn.lienthong.adapter.vdxp.Captured.OTHER_SYSTEM;
import static vn.lienthong.adapter.vdxp.Captured.SECRET;
import static vn.lienthong.adapter.vdxp.Captured.SECRETS;
import static vn.lienthong.adapter.vdxp.Captured.SEND_EDOC;
import static vn.lienthong.adapter.vdxp.Captured.SYSTEM;
import static vn.lienthong.adapter.vdxp.Captured.drop;
import static vn.lienthong.adapter.vdxp.Captured.replace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.adapter.vdxp.VdxpAuthenticator.Reason;
import vn.lienthong.adapter.vdxp.VdxpClientSigner.SignedRequest;

/** Tampered and incomplete requests get the right refusal. */
class VdxpAuthenticatorTest {
    private final VdxpAuthenticator auth = new VdxpAuthenticator(SECRETS);

    private Optional<Reason> reason(VdxpRequest req) {
        return auth.verify(req).reason();
    }

    private static VdxpRequest received(java.util.function.UnaryOperator<VdxpHeader> edit) {
        return Captured.load(GET_RECEIVED).request(edit, new byte[0]);
    }

    @ParameterizedTest(name = "{0} changed → HEADER_MISMATCH")
    @ValueSource(strings = {"XroadVnpt-servicetype", "XroadVnpt-messagetype", "XroadVnpt-timestamp", "XroadVnpt-Content-Type"})
    @DisplayName("a signed header whose value was changed in transit → HEADER_MISMATCH")
    void changedSignedHeader(String name) {
        assertEquals(Optional.of(Reason.HEADER_MISMATCH), reason(received(replace(name, "status"))));
    }

    @Test
    @DisplayName("systemid changed to an unknown id → UNKNOWN_SYSTEM; to another agency's id → BAD_SIGNATURE")
    void changedSystemId() {
        assertEquals(Optional.of(Reason.UNKNOWN_SYSTEM), reason(received(replace("XroadVnpt-systemid", "000.00.99.H12"))));
        assertEquals(Optional.of(Reason.BAD_SIGNATURE), reason(received(replace("XroadVnpt-systemid", OTHER_SYSTEM))));
    }

    @Test
    @DisplayName("one character of the sign-header changed (alone, or with the matching header) → BAD_SIGNATURE")
    void changedSignHeader() {
        Captured c = Captured.load(GET_RECEIVED);
        String tampered = c.header("XroadVnpt-sign-header").replace("\"edoc\"", "\"status\"");
        assertEquals(Optional.of(Reason.BAD_SIGNATURE), reason(received(replace("XroadVnpt-sign-header", tampered))));
        VdxpRequest both = c.request(h -> {
            if (h.name().equals("XroadVnpt-sign-header")) {
                return new VdxpHeader(h.name(), tampered);
            }
            return h.name().equals("XroadVnpt-messagetype") ? new VdxpHeader(h.name(), "status") : h;
        }, new byte[0]);
        assertEquals(Optional.of(Reason.BAD_SIGNATURE), reason(both));
    }

    @ParameterizedTest(name = "hash-header {0}")
    @ValueSource(strings = {
        "b8f4900c53f6d5e80107f6a26d2dfeda47d579ef64c20a44f2693c42e58b135e", // last digit
        "b8f4900c53f6d5e80107f6a26d2dfeda47d579ef64c20a44f2693c42e58b135", // one short
        "b8f4900c53f6d5e80107f6a26d2dfeda47d579ef64c20a44f2693c42e58b135d00", // longer
        "not hex at all", ""})
    @DisplayName("a wrong or malformed hash-header → BAD_SIGNATURE")
    void changedHashHeader(String value) {
        assertEquals(Optional.of(Reason.BAD_SIGNATURE), reason(received(replace("XroadVnpt-hash-header", value))));
    }

    @Test
    @DisplayName("the right request checked with another secret → BAD_SIGNATURE")
    void wrongSecret() {
        VdxpAuthenticator other = new VdxpAuthenticator(id -> Optional.of("not-the-secret"));
        assertEquals(Optional.of(Reason.BAD_SIGNATURE), other.verify(Captured.load(GET_RECEIVED).request(new byte[0])).reason());
    }

    @ParameterizedTest(name = "without {0} → MISSING_HEADER")
    @ValueSource(strings = {"XroadVnpt-systemid", "XroadVnpt-sign-header", "XroadVnpt-hash-header", "XroadVnpt-servicetype",
        "XroadVnpt-timestamp"})
    @DisplayName("a required or signed header missing → MISSING_HEADER")
    void missingHeader(String name) {
        assertEquals(Optional.of(Reason.MISSING_HEADER), reason(received(drop(name))));
    }

    @Test
    @DisplayName("an XroadVnpt-* header that is not signed (e.g. an added docId) → UNSIGNED_HEADER")
    void unsignedHeader() {
        Captured c = Captured.load(GET_RECEIVED);
        List<VdxpHeader> h = new ArrayList<>(c.headers);
        h.add(new VdxpHeader("XroadVnpt-docId", "11111111-2222-3333-4444-555555555555"));
        assertEquals(Optional.of(Reason.UNSIGNED_HEADER), reason(VdxpRequest.of("POST", c.path, h, new byte[0])));
    }

    @Test
    @DisplayName("unsigned protocol headers (version, sign-header-key) and non-XroadVnpt headers are not required to be signed")
    void unsignedProtocolHeadersAreFine() {
        Captured c = Captured.load(GET_RECEIVED);
        List<VdxpHeader> h = new ArrayList<>(c.headers);
        h.add(new VdxpHeader("X-Forwarded-For", "10.0.0.1"));
        assertTrue(auth.verify(VdxpRequest.of("POST", c.path, h, new byte[0])).ok());
        assertTrue(auth.verify(received(drop("XroadVnpt-version"))).ok());
        assertTrue(auth.verify(received(drop("XroadVnpt-sign-header-key"))).ok(), "sign-header-key is optional");
    }

    @Test
    @DisplayName("a sign-header-key that lists other keys than the sign-header → HEADER_MISMATCH")
    void signHeaderKeyMismatch() {
        assertEquals(Optional.of(Reason.HEADER_MISMATCH),
                reason(received(replace("XroadVnpt-sign-header-key", "systemid;servicetype;timestamp;Content-Type"))));
    }

    @Test
    @DisplayName("an agency cannot sign, with its own secret, JSON that claims another system id → HEADER_MISMATCH")
    void signedSystemIdMustBeTheHeader() {
        // 000.00.01.H12 signs JSON claiming to be 000.00.00.H12 but sends its own id in the header.
        String sign = "{\"XroadVnpt-systemid\":\"000.00.00.H12\",\"XroadVnpt-timestamp\":\"21112026T105844+0505\"}";
        List<VdxpHeader> h = List.of(
                new VdxpHeader("XroadVnpt-systemid", OTHER_SYSTEM),
                new VdxpHeader("XroadVnpt-timestamp", "21112026T105844+0505"),
                new VdxpHeader("XroadVnpt-sign-header", sign),
                new VdxpHeader("XroadVnpt-hash-header", VdxpCrypto.hmacSha256Hex(OTHER_SECRET, sign)));
        VdxpAuthenticator.Result r = auth.verify(VdxpRequest.of("POST", "/getEdoc", h, new byte[0]));
        assertEquals(Optional.of(Reason.HEADER_MISMATCH), r.reason());
        assertEquals(Optional.empty(), r.systemId());
    }

    @Test
    @DisplayName("a correctly HMAC'd sign-header that is not a JSON object of strings → MALFORMED_SIGN_HEADER")
    void malformedSignHeader() {
        for (String sign : new String[] {"[\"XroadVnpt-systemid\"]", "{\"XroadVnpt-systemid\":{\"a\":1}}",
            "{\"XroadVnpt-systemid\":\"a\",\"XroadVnpt-systemid\":\"b\"}", "{not json"}) {
            List<VdxpHeader> h = List.of(
                    new VdxpHeader("XroadVnpt-systemid", SYSTEM),
                    new VdxpHeader("XroadVnpt-sign-header", sign),
                    new VdxpHeader("XroadVnpt-hash-header", VdxpCrypto.hmacSha256Hex(SECRET, sign)));
            assertEquals(Optional.of(Reason.MALFORMED_SIGN_HEADER),
                    auth.verify(VdxpRequest.of("POST", "/getEdoc", h, new byte[0])).reason(), sign);
        }
    }

    @Test
    @DisplayName("sendEdoc: a changed body → BODY_HASH_MISMATCH; a changed hash-file header → HEADER_MISMATCH")
    void sendEdocTampering() {
        byte[] file = "<edXML>bản gốc</edXML>".getBytes(StandardCharsets.UTF_8);
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.SEND_EDOC, "{\"from\":\"000.00.00.H12\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}", file);
        VdxpAuthenticator.Result ok = auth.verify(VdxpRequest.of("POST", "/vdxp/sendEdoc", sr.headers(), sr.body()));
        assertTrue(ok.ok(), ok::toString);
        assertArrayEquals(file, ok.file().orElseThrow());
        assertEquals(VdxpCrypto.hex(VdxpCrypto.sha256(file)), ok.fileSha256Hex().orElseThrow());

        byte[] body = sr.body();
        body[3] ^= 1;
        assertEquals(Optional.of(Reason.BODY_HASH_MISMATCH), reason(VdxpRequest.of("POST", "/sendEdoc", sr.headers(), body)));

        List<VdxpHeader> h = new ArrayList<>();
        sr.headers().forEach(x -> h.add(x.name().equals("XroadVnpt-hash-file")
                ? new VdxpHeader(x.name(), VdxpCrypto.sha256UnpaddedHex("other".getBytes(StandardCharsets.UTF_8))) : x));
        assertEquals(Optional.of(Reason.HEADER_MISMATCH), reason(VdxpRequest.of("POST", "/sendEdoc", h, sr.body())));
    }

    @Test
    @DisplayName("sendEdoc signed without hash-file → MISSING_HEADER (the body would be unauthenticated)")
    void sendEdocWithoutHashFile() {
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310")
                .sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\"}");
        VdxpRequest req = VdxpRequest.of("POST", "/sendEdoc", sr.headers(), Captured.withCrlf(Captured.utf8("<edXML/>")));
        assertEquals(Optional.of(Reason.MISSING_HEADER), reason(req));
    }

    @Test
    @DisplayName("the hash-file check applies to sendEdoc only: a leaked hash-file on another operation is not checked")
    void hashFileOnlyForSendEdoc() {
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310");
        signer.sign(VdxpOperation.SEND_EDOC, "{\"from\":\"000.00.00.H12\"}", Captured.utf8("<edXML/>"));
        SignedRequest next = signer.sign(VdxpOperation.GET_EDOC, "{\"docId\":\"d-1\"}");
        assertTrue(next.signHeaderKey().contains("hash-file"));
        assertTrue(auth.verify(next.toRequest("/vdxp")).ok());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SDK body: file + CRLF|true",
        "a client that sends the file without CRLF|false"})
    @DisplayName("sendEdoc body with or without the SDK's trailing CRLF")
    void sendEdocBodyWithOrWithoutCrlf(String label, boolean crlf) {
        byte[] file = Captured.utf8("<edXML>x</edXML>");
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, "01012026T000000+0000")
                .sign(VdxpOperation.SEND_EDOC, "{\"from\":\"000.00.00.H12\"}", file);
        VdxpAuthenticator.Result r = auth.verify(VdxpRequest.of("POST", "/sendEdoc", sr.headers(), crlf ? sr.body() : file));
        assertTrue(r.ok(), r::toString);
        assertArrayEquals(file, r.file().orElseThrow());
    }

    @Test
    @DisplayName("the secret lookup sees the system id as sent; an exception-free empty lookup is UNKNOWN_SYSTEM")
    void lookupGetsTheHeaderValue() {
        List<String> asked = new ArrayList<>();
        VdxpAuthenticator a = new VdxpAuthenticator(id -> {
            asked.add(id);
            return Optional.ofNullable(Map.of(SYSTEM, SECRET).get(id));
        });
        assertTrue(a.verify(Captured.load(SEND_EDOC).request(new byte[0])).failed());
        assertEquals(List.of(SYSTEM), asked);
    }

    @Test
    @DisplayName("repeated XroadVnpt headers merged by a transport into one comma-joined value still match")
    void commaJoinedRepeatedHeaders() {
        VdxpClientSigner signer = new VdxpClientSigner(SYSTEM, SECRET, "01012026T000000+0000");
        signer.sign(VdxpOperation.GET_EDOC, "{\"docid\":\"A\"}");
        SignedRequest sr = signer.sign(VdxpOperation.UPDATE_STATUS, "{\"status\":\"done\",\"docId\":\"B\"}");
        List<VdxpHeader> merged = new ArrayList<>();
        for (VdxpHeader h : sr.headers()) {
            if (h.name().equalsIgnoreCase("XroadVnpt-docid")) {
                if (merged.stream().noneMatch(x -> x.name().equalsIgnoreCase("XroadVnpt-docid"))) {
                    merged.add(new VdxpHeader("xroadvnpt-docid", "A, B"));
                }
            } else {
                merged.add(h);
            }
        }
        VdxpRequest req = VdxpRequest.of("POST", "/updateStatus", merged, sr.body());
        assertTrue(auth.verify(req).ok(), auth.verify(req)::toString);
        assertEquals(Optional.of("B"), req.docId());
    }
}
