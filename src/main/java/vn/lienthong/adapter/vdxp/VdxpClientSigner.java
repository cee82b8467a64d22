package vn.lienthong.adapter.vdxp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client side of the protocol, byte for byte as the SDK 2.0.1 service object builds a request
 * (VDXP-PROTOCOL.md §1, §2): for the connector to the national axis and for tests that act as an SDK
 * client.
 *
 * <p>Like the SDK's {@code KnobstickServiceImp}/{@code AgencyServiceImp}, an instance holds one
 * {@link java.util.HashMap} that is never cleared: the timestamp fixed at construction, the system id,
 * then per call the Content-Type, the caller's header JSON and (sendEdoc) hash-file. Keys from earlier
 * calls therefore stay and are sent and signed again (§5.1). A connector that does not want this
 * leakage uses a fresh signer per call (the server does not mind either way). Headers are emitted in
 * {@code HashMap} iteration order — the real {@code java.util.HashMap}, whose bucket layout
 * ({@code (h ^ h>>>16) & (n-1)}, 16 buckets up to 12 entries) is the one the SDK's JVM uses.
 *
 * <p>Thread-safe; calls on one instance are serialised like the SDK's shared map would need.
 */
public final class VdxpClientSigner {
    public static final String USER_AGENT = "JAVASDKAgent/1.0.0 XRoad/VPCP";
    public static final String VERSION = "3.0.201608";
    /** The JDK 17 HttpURLConnection default {@code Accept}. */
    public static final String JDK_ACCEPT = "text/html, image/gif, image/jpeg, */*; q=0.2";

    private final String secret;
    private final String timestamp;
    private final Map<String, String> map = new HashMap<>();

    /** @param timestamp the value of {@code XroadVnpt-timestamp}, fixed for the life of the signer */
    public VdxpClientSigner(String systemId, String secret, String timestamp) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        map.put(VdxpRequest.TIMESTAMP, timestamp);
        map.put(VdxpRequest.SYSTEMID, Objects.requireNonNull(systemId, "systemId"));
    }

    /** The timestamp is the clock's local time now, as the SDK's constructor takes it. */
    public VdxpClientSigner(String systemId, String secret, Clock clock) {
        this(systemId, secret, formatTimestamp(LocalDateTime.now(clock)));
    }

    /**
     * {@code new SimpleDateFormat("ddMMyyyy'T'HHmmss+SSSS")}: the {@code +} is literal and SSSS is the
     * milliseconds padded to four digits ({@code 310 ms → 0310}; not a fraction of a second, which is
     * what {@code SSSS} would mean to {@code DateTimeFormatter}).
     */
    public static String formatTimestamp(LocalDateTime t) {
        return String.format("%02d%02d%04dT%02d%02d%02d+%04d", t.getDayOfMonth(), t.getMonthValue(), t.getYear(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
    }

    public String timestamp() {
        return timestamp;
    }

    /** Signs a call whose payload is empty or fixed (every operation but sendEdoc and registerAgency). */
    public SignedRequest sign(VdxpOperation op, String callerJson) {
        return sign(op, callerJson, new byte[0]);
    }

    /**
     * Signs one call.
     *
     * @param callerJson the SDK's "header JSON" (read leniently like gson; null or blank for none)
     * @param payload sendEdoc: the edXML file (the body becomes file + CRLF); registerAgency: the data
     *     string's bytes (sent verbatim); ignored otherwise
     * @throws IllegalArgumentException when the caller JSON is not an object or holds a null, an object
     *     or an array of other than one element (the SDK aborts the call), before anything is recorded
     */
    public SignedRequest sign(VdxpOperation op, String callerJson, byte[] payload) {
        byte[] file = payload == null ? new byte[0] : payload;
        return sign(op, callerJson, file, op == VdxpOperation.SEND_EDOC ? VdxpCrypto.sha256(file) : null);
    }

    /**
     * sendEdoc with the file's SHA-256 given rather than computed, for reproducing a capture whose
     * file is not at hand (§4). The body is {@code file + CRLF} as usual.
     */
    public SignedRequest signSendEdocWithDigest(String callerJson, byte[] file, byte[] fileSha256) {
        return sign(VdxpOperation.SEND_EDOC, callerJson, file == null ? new byte[0] : file, fileSha256);
    }

    private synchronized SignedRequest sign(VdxpOperation op, String callerJson, byte[] payload, byte[] fileSha256) {
        Map<String, String> caller = callerValues(op, callerJson);
        map.put(VdxpRequest.CONTENT_TYPE, op.contentType());
        caller.forEach(map::put); // one put at a time, like the SDK (putAll may pre-size the table)
        if (op == VdxpOperation.SEND_EDOC) {
            map.put(VdxpRequest.HASH_FILE, VdxpCrypto.unpaddedHex(fileSha256));
        }

        StringBuilder signHeader = new StringBuilder("{");
        StringBuilder signHeaderKey = new StringBuilder();
        List<VdxpHeader> headers = new ArrayList<>();
        if (op.usesHttpUrlConnection()) {
            // HttpURLConnection keeps the slot of the multipart Content-Type set first, then overwritten.
            headers.add(new VdxpHeader("Content-Type", map.get(VdxpRequest.CONTENT_TYPE)));
        }
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (signHeader.length() > 1) {
                signHeader.append(',');
                signHeaderKey.append(';');
            }
            LenientJson.quote(signHeader, VdxpRequest.PREFIX + e.getKey());
            signHeader.append(':');
            LenientJson.quote(signHeader, e.getValue());
            signHeaderKey.append(e.getKey());
            if (e.getKey().equals(VdxpRequest.CONTENT_TYPE) && !op.usesHttpUrlConnection()) {
                headers.add(new VdxpHeader("Content-Type", e.getValue()));
            }
            headers.add(new VdxpHeader(VdxpRequest.PREFIX + e.getKey(), e.getValue()));
        }
        signHeader.append('}');
        String sign = signHeader.toString();
        String hash = VdxpCrypto.hmacSha256Hex(secret, sign);
        headers.add(new VdxpHeader(VdxpRequest.SIGN_HEADER_KEY, signHeaderKey.toString()));
        headers.add(new VdxpHeader(VdxpRequest.SIGN_HEADER, sign));
        headers.add(new VdxpHeader(VdxpRequest.HASH_HEADER, hash));
        headers.add(new VdxpHeader("User-Agent", USER_AGENT));
        headers.add(new VdxpHeader(VdxpRequest.VERSION_HEADER, VERSION));
        return new SignedRequest(op, headers, body(op, payload), sign, signHeaderKey.toString(), hash);
    }

    private static Map<String, String> callerValues(VdxpOperation op, String callerJson) {
        Map<String, String> out = new LinkedHashMap<>();
        if (callerJson == null || callerJson.isBlank()) {
            return out;
        }
        for (Map.Entry<String, Object> e : LenientJson.parseObject(callerJson).entrySet()) {
            boolean rawJson = op == VdxpOperation.SEND_EDOC && e.getKey().equals(VdxpRequest.TO);
            out.put(e.getKey(), rawJson ? LenientJson.toJson(e.getValue()) : LenientJson.asString(e.getValue()));
        }
        return out;
    }

    private static byte[] body(VdxpOperation op, byte[] payload) {
        switch (op.body()) {
            case FILE_CRLF: {
                byte[] b = new byte[payload.length + 2];
                System.arraycopy(payload, 0, b, 0, payload.length);
                b[b.length - 2] = '\r';
                b[b.length - 1] = '\n';
                return b;
            }
            case EMPTY_OBJECT:
                return "{}".getBytes(StandardCharsets.US_ASCII);
            case DATA:
                return payload.clone();
            default:
                return new byte[0];
        }
    }

    /** One signed call: what to send. */
    public static final class SignedRequest {
        private final VdxpOperation operation;
        private final List<VdxpHeader> headers;
        private final byte[] body;
        private final String signHeader;
        private final String signHeaderKey;
        private final String hashHeader;

        SignedRequest(VdxpOperation operation, List<VdxpHeader> headers, byte[] body, String signHeader,
                      String signHeaderKey, String hashHeader) {
            this.operation = operation;
            this.headers = List.copyOf(headers);
            this.body = body;
            this.signHeader = signHeader;
            this.signHeaderKey = signHeaderKey;
            this.hashHeader = hashHeader;
        }

        public VdxpOperation operation() {
            return operation;
        }

        public String method() {
            return operation.httpMethod();
        }

        /** {@code endpoint + "/" + operation}: an endpoint ending in {@code /} gives {@code //op}, as the SDK does. */
        public String url(String endpoint) {
            return endpoint + "/" + operation.wireName();
        }

        /** The headers the SDK itself sets, in the order it sets them (Content-Type included). */
        public List<VdxpHeader> headers() {
            return headers;
        }

        /**
         * The headers as they go on the wire: {@link #headers()} followed by what the SDK's HTTP stack
         * adds (§4): HttpURLConnection for sendEdoc, Apache HttpClient 4.5 for the rest.
         *
         * @param hostPort the {@code Host} header value, e.g. {@code 127.0.0.1:18080}
         */
        public List<VdxpHeader> wireHeaders(String hostPort) {
            List<VdxpHeader> out = new ArrayList<>(headers);
            if (operation.usesHttpUrlConnection()) {
                out.add(new VdxpHeader("Cache-Control", "no-cache"));
                out.add(new VdxpHeader("Pragma", "no-cache"));
                out.add(new VdxpHeader("Host", hostPort));
                out.add(new VdxpHeader("Accept", JDK_ACCEPT));
                out.add(new VdxpHeader("Connection", "keep-alive"));
                out.add(new VdxpHeader("Content-Length", Integer.toString(body.length)));
            } else {
                boolean post = "POST".equals(method());
                if (post) {
                    out.add(new VdxpHeader("Content-Length", Integer.toString(body.length)));
                }
                out.add(new VdxpHeader("Host", hostPort));
                out.add(new VdxpHeader("Connection", "Keep-Alive"));
                if (post && body.length > 0) {
                    out.add(new VdxpHeader("Expect", "100-continue"));
                }
                out.add(new VdxpHeader("Accept-Encoding", "gzip,deflate"));
            }
            return out;
        }

        public byte[] body() {
            return body.clone();
        }

        /** {@code XroadVnpt-sign-header}: gson's compact JSON of the map, in HashMap order. */
        public String signHeader() {
            return signHeader;
        }

        /** {@code XroadVnpt-sign-header-key}: the map's keys joined with {@code ;}. */
        public String signHeaderKey() {
            return signHeaderKey;
        }

        /** {@code XroadVnpt-hash-header}: lowercase hex HMAC-SHA256 of the sign-header. */
        public String hashHeader() {
            return hashHeader;
        }

        /** The request as a server would receive it at {@code endpointPath} (e.g. {@code /vdxp}). */
        public VdxpRequest toRequest(String endpointPath) {
            return VdxpRequest.of(method(), url(endpointPath), wireHeaders("localhost:8080"), body);
        }
    }
}
