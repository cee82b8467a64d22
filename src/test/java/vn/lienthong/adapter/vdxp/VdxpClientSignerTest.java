package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.adapter.vdxp.Captured.SECRET;
import static vn.lienthong.adapter.vdxp.Captured.SECRETS;
import static vn.lienthong.adapter.vdxp.Captured.SYSTEM;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.adapter.vdxp.VdxpClientSigner.SignedRequest;

/** The client signer follows §1–§3 of VDXP-PROTOCOL.md. */
class VdxpClientSignerTest {
    private final VdxpAuthenticator auth = new VdxpAuthenticator(SECRETS);

    private static VdxpClientSigner signer() {
        return new VdxpClientSigner(SYSTEM, SECRET, "21112026T105844+0310");
    }

    /** The doc's bucket rule, computed independently of java.util.HashMap. */
    private static int bucket(String key, int buckets) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (buckets - 1);
    }

    @ParameterizedTest(name = "{0} → bucket {1}")
    @CsvSource({"systemid,2", "servicetype,2", "messagetype,5", "level,5", "docId,6", "docid,6", "hash-file,6", "filePath,7",
        "AgencyCode,9", "from,10", "to,11", "timestamp,15", "Content-Type,15", "status,15"})
    @DisplayName("§2 order: the doc's bucket numbers for common keys")
    void bucketNumbers(String key, int bucket) {
        assertEquals(bucket, bucket(key, 16));
    }

    @Test
    @DisplayName("§2 order: getEdoc and updateStatus keys in bucket order, same bucket in insertion order")
    void bucketOrder() {
        assertEquals("systemid;docId;filePath;timestamp;Content-Type",
                signer().sign(VdxpOperation.GET_EDOC, "{\"docId\":\"d\",\"filePath\":\"/x\"}").signHeaderKey());
        assertEquals("systemid;docId;timestamp;Content-Type;status",
                signer().sign(VdxpOperation.UPDATE_STATUS, "{\"status\":\"done\",\"docId\":\"d\"}").signHeaderKey());
        assertEquals("systemid;level;timestamp;Content-Type",
                new VdxpClientSigner(SYSTEM, SECRET, "t").sign(VdxpOperation.GET_AGENCIES_LIST_QD20, "{\"level\":2}").signHeaderKey());
    }

    @ParameterizedTest(name = "{0} caller keys")
    @ValueSource(ints = {0, 5, 9, 10, 11, 20, 30})
    @DisplayName("§2 order: ≤12 entries → 16 buckets, more → 32 (64 above 24), insertion order within a bucket")
    void orderMatchesTheDocsRuleAtAnySize(int extra) {
        Map<String, String> caller = new LinkedHashMap<>();
        for (int i = 0; i < extra; i++) {
            caller.put(Integer.toString(1_000_003 * (i + 7), 36), "v" + i); // keys spread over the buckets
        }
        String json = caller.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        List<String> insertion = new ArrayList<>(List.of("timestamp", "systemid", "Content-Type"));
        insertion.addAll(caller.keySet());
        int size = insertion.size();
        int buckets = size <= 12 ? 16 : size <= 24 ? 32 : 64;
        List<String> expected = new ArrayList<>(insertion);
        expected.sort(Comparator.comparingInt((String k) -> bucket(k, buckets)).thenComparingInt(insertion::indexOf));
        assertEquals(String.join(";", expected), signer().sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, json).signHeaderKey());
    }

    @Test
    @DisplayName("§2 order beyond the doc: ≥8 keys colliding in one bucket make the JVM's HashMap grow early; the signer follows the real HashMap")
    void collidingKeysFollowTheRealHashMap() {
        // "ka0", "kb1", … differ by 32 in hashCode: all in bucket 11 of 16 and 27 of 32. At the 8th
        // collision HashMap resizes instead of treeifying, so 13 entries already use 64 buckets.
        Map<String, String> caller = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            caller.put("k" + (char) ('a' + i) + i, "v" + i);
        }
        String json = caller.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        Map<String, String> jvm = new java.util.HashMap<>();
        jvm.put("timestamp", "t");
        jvm.put("systemid", "s");
        jvm.put("Content-Type", "c");
        caller.forEach(jvm::put);
        String signed = signer().sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, json).signHeaderKey();
        assertEquals(String.join(";", jvm.keySet()), signed);
        assertEquals("systemid;ka0;kc2;ke4;kg6;ki8;timestamp;Content-Type;kb1;kd3;kf5;kh7;kj9", signed);
    }

    @Test
    @DisplayName("§2 sign-header: gson escaping — only \" \\ controls U+2028/9 escaped; < > & = ' / and non-ASCII literal")
    void gsonEscaping() {
        SignedRequest sr = new VdxpClientSigner("S", "k", "T").sign(VdxpOperation.GET_RECEIVED_EDOC_LIST,
                "{\"x\":\"a\\\"b\\\\c<>&='/ấ\\n\\t\\u0001\\u2028\"}");
        String x = sr.signHeader().substring(sr.signHeader().indexOf("\"XroadVnpt-x\":"));
        assertTrue(x.startsWith("\"XroadVnpt-x\":\"a\\\"b\\\\c<>&='/ấ\\n\\t\\u0001\\u2028\""), x);
        assertFalse(sr.signHeader().contains(" "));
        assertEquals(VdxpCrypto.hmacSha256Hex("k", sr.signHeader()), sr.hashHeader());
    }

    @Test
    @DisplayName("§2 HMAC key: the secret's UTF-8 bytes as-is, even when it looks like base64")
    void secretIsNotDecoded() throws Exception {
        String secret = "dGVzdC1zZWNyZXQ=";
        SignedRequest sr = new VdxpClientSigner(SYSTEM, secret, "T").sign(VdxpOperation.GET_AGENCIES_LIST, "{}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(VdxpCrypto.hex(mac.doFinal(sr.signHeader().getBytes(StandardCharsets.UTF_8))), sr.hashHeader());
        assertEquals(64, sr.hashHeader().length());
        assertEquals(sr.hashHeader().toLowerCase(), sr.hashHeader());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"n\":12345}|12345",
        "{\"n\":1.50}|1.50",
        "{\"n\":true}|true",
        "{\"n\":[\"only\"]}|only",
        "{\"n\":[[7]]}|7",
        "{'n':'single'}|single",
        "{n:unquoted-value}|unquoted-value"})
    @DisplayName("§1 caller JSON values become strings like gson getAsString")
    void callerValues(String json, String header) {
        VdxpRequest req = signer().sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, json).toRequest("/vdxp");
        assertEquals(header, req.header("XroadVnpt-n").orElseThrow());
        assertTrue(auth.verify(req).ok());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"n\":null}", "{\"n\":{\"a\":\"b\"}}", "{\"n\":[1,2]}", "{\"n\":[]}", "[1]", "{\"n\":"})
    @DisplayName("§1 caller JSON: null, objects, longer arrays (and non-objects) abort the call without touching the map")
    void callerValuesThatAbort(String json) {
        VdxpClientSigner s = signer();
        assertThrows(IllegalArgumentException.class, () -> s.sign(VdxpOperation.GET_RECEIVED_EDOC_LIST, json));
        assertEquals("systemid;timestamp;Content-Type", s.sign(VdxpOperation.GET_AGENCIES_LIST, "{}").signHeaderKey());
    }

    @Test
    @DisplayName("§1 to is JSON text only for sendEdoc; elsewhere it is converted like any value")
    void toOnlyRawForSendEdoc() {
        assertEquals("000.00.01.H12", signer().sign(VdxpOperation.GET_SENT_EDOC_LIST, "{\"to\":\"000.00.01.H12\"}")
                .toRequest("/v").header("XroadVnpt-to").orElseThrow());
        assertEquals("[\"a\",\"b\"]", signer().sign(VdxpOperation.SEND_EDOC, "{\"to\":[\"a\",\"b\"]}", new byte[0])
                .toRequest("/v").header("XroadVnpt-to").orElseThrow());
    }

    @Test
    @DisplayName("§2 timestamp: ddMMyyyy'T'HHmmss+SSSS with milliseconds padded to 4 digits, JVM local time")
    void timestampFormat() {
        assertEquals("21112026T105844+0310", VdxpClientSigner.formatTimestamp(LocalDateTime.of(2026, 11, 21, 10, 58, 44, 310_000_000)));
        assertEquals("01022026T000000+0007", VdxpClientSigner.formatTimestamp(LocalDateTime.of(2026, 2, 1, 0, 0, 0, 7_999_999)));
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:58:44.505Z"), ZoneId.of("Asia/Ho_Chi_Minh"));
        assertEquals("21112026T105844+0505", new VdxpClientSigner(SYSTEM, SECRET, clock).timestamp());
        assertEquals("21112026T035844+0505",
                new VdxpClientSigner(SYSTEM, SECRET, clock.withZone(ZoneOffset.UTC)).timestamp());
    }

    @Test
    @DisplayName("§3 bodies: sendEdoc file+CRLF, {} for getEdoc/updateStatus/count*/deleteAgency, empty lists, data verbatim, GET downloadEdoc")
    void bodies() {
        byte[] file = Captured.utf8("<edXML/>");
        assertArrayEquals(Captured.withCrlf(file), signer().sign(VdxpOperation.SEND_EDOC, "{}", file).body());
        for (VdxpOperation op : List.of(VdxpOperation.GET_EDOC, VdxpOperation.UPDATE_STATUS, VdxpOperation.COUNT_RECEIVE_EDOC,
                VdxpOperation.COUNT_RECEIVE_STATUS, VdxpOperation.DELETE_AGENCY)) {
            assertArrayEquals(Captured.utf8("{}"), signer().sign(op, "{}").body(), op.name());
        }
        for (VdxpOperation op : List.of(VdxpOperation.GET_RECEIVED_EDOC_LIST, VdxpOperation.GET_SENT_EDOC_LIST,
                VdxpOperation.GET_AGENCIES_LIST, VdxpOperation.GET_AGENCIES_LIST_QD20, VdxpOperation.GET_SYNCHRONIZE_UNIT,
                VdxpOperation.DOWNLOAD_EDOC)) {
            assertEquals(0, signer().sign(op, "{}").body().length, op.name());
        }
        assertArrayEquals(Captured.utf8("{bad json"), signer().sign(VdxpOperation.REGISTER_AGENCY, "{}", Captured.utf8("{bad json")).body());
        SignedRequest get = signer().sign(VdxpOperation.DOWNLOAD_EDOC, "{\"docId\":\"d\",\"filePath\":\"/x\"}");
        assertEquals("GET", get.method());
        assertTrue(get.wireHeaders("h").stream().noneMatch(h -> h.name().equals("Content-Length")));
        assertTrue(get.wireHeaders("h").stream().noneMatch(h -> h.name().equals("Expect")));
    }

    @Test
    @DisplayName("§1 emitted headers: Content-Type both plain and prefixed; sign headers, User-Agent and version at the end")
    void emittedHeaderShape() {
        List<VdxpHeader> h = signer().sign(VdxpOperation.GET_EDOC, "{\"docId\":\"d\"}").headers();
        List<String> names = h.stream().map(VdxpHeader::name).toList();
        assertEquals(List.of("XroadVnpt-systemid", "XroadVnpt-docId", "XroadVnpt-timestamp", "Content-Type", "XroadVnpt-Content-Type",
                "XroadVnpt-sign-header-key", "XroadVnpt-sign-header", "XroadVnpt-hash-header", "User-Agent", "XroadVnpt-version"), names);
        assertEquals(new VdxpHeader("User-Agent", "JAVASDKAgent/1.0.0 XRoad/VPCP"), h.get(8));
        assertEquals(new VdxpHeader("XroadVnpt-version", "3.0.201608"), h.get(9));
        assertEquals("Content-Type", signer().sign(VdxpOperation.SEND_EDOC, "{}", new byte[0]).headers().get(0).name(),
                "HttpURLConnection keeps the Content-Type slot it was given first");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(VdxpOperation.class)
    @DisplayName("every operation signed by the client signer verifies at the server (fresh signer)")
    void everyOperationRoundTrips(VdxpOperation op) {
        String caller = switch (op) {
            case SEND_EDOC -> "{\"from\":\"000.00.00.H12\",\"to\":\"000.00.01.H12\",\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}";
            case GET_RECEIVED_EDOC_LIST, COUNT_RECEIVE_EDOC -> "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\"}";
            case COUNT_RECEIVE_STATUS -> "{\"servicetype\":\"eDoc\",\"messagetype\":\"status\"}";
            case GET_SENT_EDOC_LIST -> "{\"servicetype\":\"eDoc\",\"messagetype\":\"edoc\",\"docId\":\"d-1\"}";
            case GET_EDOC, DOWNLOAD_EDOC -> "{\"docId\":\"d-1\",\"filePath\":\"D:\\\\VanBan\"}";
            case UPDATE_STATUS -> "{\"status\":\"done\",\"docId\":\"d-1\"}";
            case GET_AGENCIES_LIST_QD20 -> "{\"level\":1}";
            case DELETE_AGENCY -> "{\"AgencyCode\":\"000.00.02.H12\"}";
            default -> "{}";
        };
        byte[] payload = op == VdxpOperation.SEND_EDOC ? Captured.utf8("<edXML>văn bản</edXML>")
                : op == VdxpOperation.REGISTER_AGENCY ? Captured.utf8("{\"code\":\"000.00.02.H12\"}") : new byte[0];
        SignedRequest sr = new VdxpClientSigner(SYSTEM, SECRET, Clock.systemDefaultZone()).sign(op, caller, payload);
        VdxpRequest req = VdxpRequest.of(sr.method(), sr.url("/vdxp"), sr.wireHeaders("gw:8080"), sr.body());
        assertEquals(op, req.operation().orElseThrow());
        VdxpAuthenticator.Result r = auth.verify(req);
        assertTrue(r.ok(), r::toString);
        assertEquals(SYSTEM, r.systemId().orElseThrow());
    }
}
