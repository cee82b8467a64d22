package vn.lienthong.adapter.vdxp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request to the national-axis-compatible API, independent of the HTTP server that received it
 * (VDXP-PROTOCOL.md §1–§3).
 *
 * <p>Built from the method, the path (the operation is the last non-empty path segment, so
 * {@code /vdxp/getEdoc}, {@code /vdxp//getEdoc} — an SDK endpoint with a trailing slash — and
 * {@code /getEdoc} all name {@code getEdoc}), the headers as received and the body bytes.
 *
 * <p>Header names match ignoring case. Header values are treated as UTF-8 (§2 "Non-ASCII header
 * values"): a value that a server decoded byte-per-character (ISO-8859-1, as Netty/Vert.x and most
 * servlet containers do) and that is valid UTF-8 is turned back into the characters the client meant.
 *
 * <p>The {@code XroadVnpt-<key>} parameters ({@link #param}) are read from the signed
 * {@code XroadVnpt-sign-header} JSON when it parses, which keeps the key case the client used
 * ({@code docId} and {@code docid} can both be present after header leakage, §5.1), and from the plain
 * headers otherwise. <b>Nothing here is authenticated</b> until {@link VdxpAuthenticator#verify} says
 * ok; after that every {@code XroadVnpt-*} header is known to be signed and equal to its signed value.
 */
public final class VdxpRequest {
    public static final String PREFIX = "XroadVnpt-";
    public static final String SIGN_HEADER_KEY = PREFIX + "sign-header-key";
    public static final String SIGN_HEADER = PREFIX + "sign-header";
    public static final String HASH_HEADER = PREFIX + "hash-header";
    public static final String VERSION_HEADER = PREFIX + "version";

    /** Parameter keys (the part after {@code XroadVnpt-}), with the case the SDK and its example use. */
    public static final String SYSTEMID = "systemid";
    public static final String TIMESTAMP = "timestamp";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String SERVICETYPE = "servicetype";
    public static final String MESSAGETYPE = "messagetype";
    public static final String HASH_FILE = "hash-file";
    public static final String DOC_ID = "docId";
    public static final String FILE_PATH = "filePath";
    public static final String STATUS = "status";
    public static final String AGENCY_CODE = "AgencyCode";
    public static final String LEVEL = "level";

    /** {@code ddMMyyyy'T'HHmmss+SSSS}: {@code +} is literal and SSSS is milliseconds padded to 4 digits. */
    private static final Pattern TIMESTAMP_PATTERN =
            Pattern.compile("(\\d{2})(\\d{2})(\\d{4})T(\\d{2})(\\d{2})(\\d{2})\\+(\\d{1,4})");

    /** The {@code status} of updateStatus (§3): processing, done or fail. */
    public enum EdocStatus {
        PROCESSING("processing"), DONE("done"), FAIL("fail");

        private final String wire;

        EdocStatus(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** Lenient: surrounding space and letter case are ignored. */
        public static Optional<EdocStatus> fromWire(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String v = value.trim();
            for (EdocStatus s : values()) {
                if (s.wire.equalsIgnoreCase(v)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    private final String method;
    private final String path;
    private final String operationName;
    private final List<VdxpHeader> rawHeaders;
    private final byte[] body;
    private final Map<String, String> signed;
    private final String signHeaderProblem;

    private VdxpRequest(String method, String path, List<VdxpHeader> rawHeaders, byte[] body) {
        this.method = method == null ? "" : method;
        this.path = path == null ? "" : path;
        this.operationName = operationFromPath(this.path);
        this.rawHeaders = List.copyOf(rawHeaders);
        this.body = body == null ? new byte[0] : body.clone();
        Map<String, String> parsed = null;
        String problem = null;
        Optional<String> sign = header(SIGN_HEADER);
        if (sign.isPresent()) {
            try {
                parsed = parseSignHeader(sign.get());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        } else {
            problem = "no " + SIGN_HEADER;
        }
        this.signed = parsed == null ? Map.of() : Collections.unmodifiableMap(parsed);
        this.signHeaderProblem = problem;
    }

    /**
     * From headers as a multimap, e.g. a servlet's or Camel's header map: each value may be a String, an
     * Iterable or array of values, or anything else (its {@code toString()}). Null values are skipped.
     */
    public static VdxpRequest of(String method, String path, Map<String, ?> headers, byte[] body) {
        List<VdxpHeader> list = new ArrayList<>();
        if (headers != null) {
            headers.forEach((name, value) -> addValues(list, name, value));
        }
        return new VdxpRequest(method, path, list, body);
    }

    /** From header lines in the order received. */
    public static VdxpRequest of(String method, String path, List<VdxpHeader> headers, byte[] body) {
        return new VdxpRequest(method, path, headers == null ? List.of() : headers, body);
    }

    private static void addValues(List<VdxpHeader> list, String name, Object value) {
        if (name == null || value == null) {
            return;
        }
        if (value instanceof Iterable<?> it) {
            it.forEach(v -> addValues(list, name, v));
        } else if (value instanceof Object[] array) {
            Arrays.stream(array).forEach(v -> addValues(list, name, v));
        } else {
            list.add(new VdxpHeader(name, value.toString()));
        }
    }

    static String operationFromPath(String path) {
        String p = path;
        int cut = p.indexOf('?');
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        cut = p.indexOf('#');
        if (cut >= 0) {
            p = p.substring(0, cut);
        }
        String[] segments = p.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isEmpty()) {
                return segments[i];
            }
        }
        return "";
    }

    // ---------------------------------------------------------------- request line and body

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The last non-empty path segment, as received. */
    public String operationName() {
        return operationName;
    }

    public Optional<VdxpOperation> operation() {
        return VdxpOperation.fromName(operationName);
    }

    public byte[] body() {
        return body.clone();
    }

    /** sendEdoc's edXML file: the body without the CRLF the SDK appends (§3, §4). */
    public byte[] edocFile() {
        int n = body.length;
        if (n >= 2 && body[n - 2] == '\r' && body[n - 1] == '\n') {
            return Arrays.copyOf(body, n - 2);
        }
        return body.clone();
    }

    /**
     * The body read as lenient JSON (gson rules, §3): registerAgency's {@code data}, or the {@code {}}
     * of getEdoc/updateStatus. Empty when the body is empty or not JSON even leniently. Bodies are not
     * covered by the signature (only sendEdoc's is, through {@code hash-file}).
     */
    public Optional<JsonNode> jsonBody() {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LenientJson.toJackson(LenientJson.parse(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- headers

    /** All header lines as received (values as received, not UTF-8-recovered). */
    public List<VdxpHeader> rawHeaders() {
        return rawHeaders;
    }

    /** Every value of a header, name ignoring case, UTF-8-recovered, in the order received. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (VdxpHeader h : rawHeaders) {
            if (h.name().equalsIgnoreCase(name)) {
                out.add(utf8(h.value()));
            }
        }
        return out;
    }

    /** The first value of a header, name ignoring case, UTF-8-recovered. */
    public Optional<String> header(String name) {
        for (VdxpHeader h : rawHeaders) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(utf8(h.value()));
            }
        }
        return Optional.empty();
    }

    /** The first value of a header exactly as the transport delivered it (for the HMAC's bytes). */
    Optional<String> rawHeader(String name) {
        for (VdxpHeader h : rawHeaders) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The value of {@code XroadVnpt-<key>}: the signed member with exactly this key, else a signed
     * member whose key matches ignoring case (§5.2: {@code docid} and {@code docId}), else the first
     * header {@code XroadVnpt-<key>} ignoring case.
     */
    public Optional<String> param(String key) {
        String full = PREFIX + key;
        String v = signed.get(key);
        if (v != null) {
            return Optional.of(v);
        }
        for (Map.Entry<String, String> e : signed.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return Optional.of(e.getValue());
            }
        }
        return header(full);
    }

    /**
     * The members of {@code XroadVnpt-sign-header}, keys without the prefix and with the client's case,
     * in the signed order; empty when the header is missing or not a JSON object of scalars.
     */
    public Map<String, String> signedMembers() {
        return signed;
    }

    /** Why the sign-header could not be read, if it could not. */
    public Optional<String> signHeaderProblem() {
        return Optional.ofNullable(signHeaderProblem);
    }

    public Optional<String> systemId() {
        return header(PREFIX + SYSTEMID);
    }

    /** The timestamp as sent. Fixed when the client's service object was built: often stale (§2). */
    public Optional<String> timestamp() {
        return param(TIMESTAMP);
    }

    /** The timestamp as local time (no zone on the wire), if it has the SDK's form. */
    public Optional<LocalDateTime> timestampValue() {
        return timestamp().flatMap(VdxpRequest::parseTimestamp);
    }

    public Optional<String> signHeaderKey() {
        return header(SIGN_HEADER_KEY);
    }

    public Optional<String> signHeader() {
        return header(SIGN_HEADER);
    }

    public Optional<String> hashHeader() {
        return header(HASH_HEADER);
    }

    /** {@code XroadVnpt-version} (unsigned; {@code 3.0.201608} from SDK 2.0.1). */
    public Optional<String> version() {
        return header(VERSION_HEADER);
    }

    /** sendEdoc's SHA-256 of the file, in the SDK's unpadded hex (§2). */
    public Optional<String> hashFile() {
        return param(HASH_FILE);
    }

    public Optional<String> from() {
        return param(FROM);
    }

    /** {@code to} as sent: JSON text in sendEdoc ({@code "000.00.01.H12"} with the quotes, or an array). */
    public Optional<String> to() {
        return param(TO);
    }

    /**
     * The recipients' codes from {@code to} (§4): a JSON string, an array of strings, or an array of
     * objects with {@code code}; a value that is not JSON at all is taken as one code.
     */
    public List<String> toCodes() {
        return to().map(VdxpRequest::codesOf).orElse(List.of());
    }

    static List<String> codesOf(String toValue) {
        List<String> out = new ArrayList<>();
        Object tree;
        try {
            tree = LenientJson.parse(toValue);
        } catch (IllegalArgumentException e) {
            tree = toValue.trim();
        }
        collectCodes(tree, out);
        return out;
    }

    private static void collectCodes(Object tree, List<String> out) {
        if (tree instanceof String s) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        } else if (tree instanceof LenientJson.Num n) {
            out.add(n.text());
        } else if (tree instanceof List<?> list) {
            list.forEach(x -> collectCodes(x, out));
        } else if (tree instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (String.valueOf(e.getKey()).equalsIgnoreCase("code")) {
                    collectCodes(e.getValue(), out);
                    return;
                }
            }
        }
    }

    public Optional<String> serviceType() {
        return param(SERVICETYPE);
    }

    public Optional<String> messageType() {
        return param(MESSAGETYPE);
    }

    /** {@code docId} (also {@code docid}, §5.2), as sent: the SDK example even sends it unquoted. */
    public Optional<String> docId() {
        return param(DOC_ID).map(String::trim);
    }

    /** A client-local directory the SDK sends anyway (getEdoc, downloadEdoc); meaningless to a server. */
    public Optional<String> filePath() {
        return param(FILE_PATH);
    }

    public Optional<String> status() {
        return param(STATUS);
    }

    /** updateStatus's status, when it is processing, done or fail. */
    public Optional<EdocStatus> edocStatus() {
        return status().flatMap(EdocStatus::fromWire);
    }

    public Optional<String> agencyCode() {
        return param(AGENCY_CODE);
    }

    public Optional<String> level() {
        return param(LEVEL);
    }

    // ---------------------------------------------------------------- helpers

    /** Parses {@code ddMMyyyy'T'HHmmss+SSSS}; empty for anything else. */
    public static Optional<LocalDateTime> parseTimestamp(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TIMESTAMP_PATTERN.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int millis = Integer.parseInt(m.group(7));
            if (millis > 999) {
                return Optional.empty();
            }
            return Optional.of(LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), millis * 1_000_000));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the sign-header JSON: members {@code "XroadVnpt-<key>":"<value>"} → key (case kept) → value.
     * Members whose name lacks the prefix are ignored; numbers and booleans are taken as their text.
     *
     * @throws IllegalArgumentException when it is not a JSON object, a name repeats, or a value is not a scalar
     */
    static Map<String, String> parseSignHeader(String json) {
        Object tree = LenientJson.parse(json, true);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the sign-header is not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Map || v instanceof List || v == LenientJson.Null.INSTANCE) {
                throw new IllegalArgumentException("sign-header member " + name + " is not a string");
            }
            String key = name.substring(PREFIX.length());
            if (out.containsKey(key)) {
                throw new IllegalArgumentException("sign-header names " + key + " twice");
            }
            out.put(key, LenientJson.asString(v));
        }
        return out;
    }

    /**
     * A header value as the client's characters: a value whose characters are all ≤ U+00FF, with some
     * above ASCII, and whose bytes form valid UTF-8, was decoded byte-per-character by the server and is
     * decoded again as UTF-8 (§2: "Treat header bytes as UTF-8").
     */
    static String utf8(String value) {
        if (!latin1Bytes(value)) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return value;
        }
    }

    /** True when every character fits a byte and at least one is not ASCII. */
    static boolean latin1Bytes(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            high |= c > 0x7F;
        }
        return high;
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + operationName + ", " + body.length + " bytes)";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
