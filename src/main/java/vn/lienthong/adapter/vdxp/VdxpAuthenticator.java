package vn.lienthong.adapter.vdxp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies the {@code XroadVnpt-*} signature of a {@link VdxpRequest} (VDXP-PROTOCOL.md §2 "Server
 * verification recipe"):
 *
 * <ol>
 *   <li>the secret is looked up by {@code XroadVnpt-systemid};</li>
 *   <li>{@code XroadVnpt-hash-header} must be the HMAC-SHA256 of the received
 *       {@code XroadVnpt-sign-header} string, verbatim, as UTF-8 (hex of either case; compared in
 *       constant time). The order of the JSON members is not reproduced, only hashed;</li>
 *   <li>the signed JSON binds the headers: each of its members must arrive as the header of that name
 *       with that value, and every {@code XroadVnpt-*} header other than sign-header-key, sign-header,
 *       hash-header and version must be signed. So after a success every parameter a server reads
 *       from the headers is covered by the HMAC;</li>
 *   <li>for sendEdoc, SHA-256 of the body without its trailing CRLF must match the signed
 *       {@code hash-file} (the SDK's unpadded hex, or padded; a body without the CRLF is hashed whole).</li>
 * </ol>
 *
 * <p>Tolerated on purpose (§2, §5): any timestamp age and repeated timestamps (no freshness or
 * replay check: the SDK reuses its construction-time timestamp and has no nonce); unknown but signed
 * headers left over from earlier calls; header names in any case; header values decoded
 * byte-per-character by the server; repeated headers joined with commas by the transport.
 *
 * <p>What the signature cannot cover, by the protocol's design: the operation (path), the bodies of
 * operations other than sendEdoc, and replays of a captured request.
 */
public final class VdxpAuthenticator {

    /** Why a request was refused. */
    public enum Reason {
        /** systemid, sign-header or hash-header absent; a signed member absent as a header; sendEdoc without hash-file. */
        MISSING_HEADER,
        /** No secret for the system id. */
        UNKNOWN_SYSTEM,
        /** The HMAC does not match (wrong secret, altered sign-header, malformed hash-header). */
        BAD_SIGNATURE,
        /** The HMAC matches but the sign-header is not a JSON object of string members. */
        MALFORMED_SIGN_HEADER,
        /** An {@code XroadVnpt-*} header whose key is not in the signed JSON. */
        UNSIGNED_HEADER,
        /** A header whose value differs from the signed one, or a sign-header-key that names other keys. */
        HEADER_MISMATCH,
        /** sendEdoc: the body's SHA-256 is not the signed hash-file. */
        BODY_HASH_MISMATCH
    }

    /** The verdict. {@link #systemId()} is present only when {@link #ok()}. */
    public static final class Result {
        private final Reason reason;
        private final String claimedSystemId;
        private final String detail;
        private final byte[] file;
        private final byte[] fileSha256;

        private Result(Reason reason, String claimedSystemId, String detail, byte[] file, byte[] fileSha256) {
            this.reason = reason;
            this.claimedSystemId = claimedSystemId;
            this.detail = detail;
            this.file = file;
            this.fileSha256 = fileSha256;
        }

        static Result ok(String systemId, byte[] file, byte[] fileSha256) {
            return new Result(null, systemId, "ok", file, fileSha256);
        }

        static Result fail(Reason reason, String claimedSystemId, String detail) {
            return new Result(reason, claimedSystemId, detail, null, null);
        }

        public boolean ok() {
            return reason == null;
        }

        public boolean failed() {
            return reason != null;
        }

        public Optional<Reason> reason() {
            return Optional.ofNullable(reason);
        }

        /** The authenticated system id. */
        public Optional<String> systemId() {
            return ok() ? Optional.ofNullable(claimedSystemId) : Optional.empty();
        }

        /** The system id the request claims, authenticated or not (for the audit log). */
        public Optional<String> claimedSystemId() {
            return Optional.ofNullable(claimedSystemId);
        }

        /** A human-readable explanation (which header, which check). Not for the client: it may help probing. */
        public String detail() {
            return detail;
        }

        /** sendEdoc: the edXML file whose SHA-256 matched {@code hash-file}. */
        public Optional<byte[]> file() {
            return Optional.ofNullable(file).map(byte[]::clone);
        }

        /**
         * sendEdoc: the file's SHA-256, padded lowercase hex. With the sender this makes an idempotency
         * key for the SDK's silent POST re-sends (§5.4).
         */
        public Optional<String> fileSha256Hex() {
            return Optional.ofNullable(fileSha256).map(VdxpCrypto::hex);
        }

        @Override
        public String toString() {
            return ok() ? "ok " + claimedSystemId : reason + " (" + detail + ")";
        }
    }

    /** Headers of the protocol that the SDK never signs. Lowercase keys without the prefix. */
    private static final Set<String> UNSIGNED_PROTOCOL_KEYS = Set.of("sign-header-key", "sign-header", "hash-header", "version");

    private static final String DUMMY_SECRET = "vdxp-unknown-system";

    private final Function<String, Optional<String>> secrets;

    /** @param secrets system id → the agency's shared secret (the string itself, UTF-8 is applied here) */
    public VdxpAuthenticator(Function<String, Optional<String>> secrets) {
        this.secrets = Objects.requireNonNull(secrets);
    }

    /** All checks, including sendEdoc's body hash. */
    public Result verify(VdxpRequest request) {
        Result r = verifySignature(request);
        if (r.failed() || request.operation().orElse(null) != VdxpOperation.SEND_EDOC) {
            return r;
        }
        return verifyBody(request, r.claimedSystemId);
    }

    /**
     * Every check but sendEdoc's body hash: for a request whose body is not at hand (the §4 capture
     * of sendEdoc shows headers only). A server must use {@link #verify}.
     */
    public Result verifySignature(VdxpRequest request) {
        Optional<String> systemId = request.systemId().map(String::trim);
        Optional<String> signHeaderRaw = request.rawHeader(VdxpRequest.SIGN_HEADER);
        Optional<String> hashHeader = request.hashHeader();
        String claimed = systemId.orElse(null);
        if (systemId.isEmpty() || systemId.get().isEmpty()) {
            return Result.fail(Reason.MISSING_HEADER, null, "no " + VdxpRequest.PREFIX + VdxpRequest.SYSTEMID);
        }
        if (signHeaderRaw.isEmpty()) {
            return Result.fail(Reason.MISSING_HEADER, claimed, "no " + VdxpRequest.SIGN_HEADER);
        }
        if (hashHeader.isEmpty()) {
            return Result.fail(Reason.MISSING_HEADER, claimed, "no " + VdxpRequest.HASH_HEADER);
        }

        // 1–2: the secret and the HMAC over the sign-header exactly as received.
        Optional<String> secret = secrets.apply(claimed);
        boolean signatureOk = hmacMatches(secret.orElse(DUMMY_SECRET), signHeaderRaw.get(), hashHeader.get());
        if (secret.isEmpty()) {
            return Result.fail(Reason.UNKNOWN_SYSTEM, claimed, "no secret for system id " + claimed);
        }
        if (!signatureOk) {
            return Result.fail(Reason.BAD_SIGNATURE, claimed, VdxpRequest.HASH_HEADER + " is not the HMAC of "
                    + VdxpRequest.SIGN_HEADER + " with the secret of " + claimed);
        }

        // 3: the signed JSON binds the headers.
        Map<String, String> signed;
        try {
            signed = VdxpRequest.parseSignHeader(VdxpRequest.utf8(signHeaderRaw.get()));
        } catch (IllegalArgumentException e) {
            return Result.fail(Reason.MALFORMED_SIGN_HEADER, claimed, e.getMessage());
        }
        Result binding = checkBinding(request, signed, claimed);
        if (binding != null) {
            return binding;
        }
        return Result.ok(claimed, null, null);
    }

    private static boolean hmacMatches(String secret, String signHeaderRaw, String hashHeader) {
        byte[] expected = VdxpCrypto.parseHex(hashHeader).orElse(new byte[32]);
        boolean wellFormed = VdxpCrypto.parseHex(hashHeader).map(b -> b.length == 32).orElse(false);
        // The bytes on the wire: the string's UTF-8, or — when the server decoded bytes one per
        // character — the string's ISO-8859-1 bytes (§2 "Non-ASCII header values").
        boolean match = MessageDigest.isEqual(
                VdxpCrypto.hmacSha256(secret, signHeaderRaw.getBytes(StandardCharsets.UTF_8)), expected);
        if (VdxpRequest.latin1Bytes(signHeaderRaw)) {
            match |= MessageDigest.isEqual(
                    VdxpCrypto.hmacSha256(secret, signHeaderRaw.getBytes(StandardCharsets.ISO_8859_1)), expected);
        }
        return wellFormed && match;
    }

    private static Result checkBinding(VdxpRequest request, Map<String, String> signed, String claimed) {
        // Group by key ignoring case: the SDK can send both docId and docid (§5.1, §5.2) and a
        // transport may have merged their header lines.
        Map<String, List<String>> signedGroups = new LinkedHashMap<>();
        signed.forEach((k, v) -> signedGroups.computeIfAbsent(VdxpRequest.lower(k), x -> new ArrayList<>()).add(v));
        Map<String, List<String>> headerGroups = new LinkedHashMap<>();
        for (VdxpHeader h : request.rawHeaders()) {
            String name = h.name();
            if (name.length() > VdxpRequest.PREFIX.length()
                    && name.regionMatches(true, 0, VdxpRequest.PREFIX, 0, VdxpRequest.PREFIX.length())) {
                String key = VdxpRequest.lower(name.substring(VdxpRequest.PREFIX.length()));
                headerGroups.computeIfAbsent(key, x -> new ArrayList<>()).add(VdxpRequest.utf8(h.value()));
            }
        }
        for (Map.Entry<String, List<String>> g : headerGroups.entrySet()) {
            if (!signedGroups.containsKey(g.getKey()) && !UNSIGNED_PROTOCOL_KEYS.contains(g.getKey())) {
                return Result.fail(Reason.UNSIGNED_HEADER, claimed, VdxpRequest.PREFIX + g.getKey() + " is not signed");
            }
        }
        for (Map.Entry<String, List<String>> g : signedGroups.entrySet()) {
            List<String> received = headerGroups.get(g.getKey());
            if (received == null) {
                return Result.fail(Reason.MISSING_HEADER, claimed,
                        "signed " + VdxpRequest.PREFIX + g.getKey() + " did not arrive as a header");
            }
            if (!sameValues(received, g.getValue())) {
                return Result.fail(Reason.HEADER_MISMATCH, claimed,
                        VdxpRequest.PREFIX + g.getKey() + " differs from its signed value");
            }
        }
        List<String> systemIds = signedGroups.get(VdxpRequest.SYSTEMID);
        if (systemIds == null || new LinkedHashSet<>(trimmed(systemIds)).size() != 1
                || !systemIds.get(0).trim().equals(claimed)) {
            return Result.fail(Reason.HEADER_MISMATCH, claimed, "the signed systemid is not " + claimed);
        }
        Optional<String> keyList = request.signHeaderKey();
        if (keyList.isPresent()) {
            Set<String> listed = new LinkedHashSet<>();
            for (String k : keyList.get().split(";")) {
                if (!k.isBlank()) {
                    listed.add(k.trim());
                }
            }
            if (!listed.equals(new LinkedHashSet<>(signed.keySet()))) {
                return Result.fail(Reason.HEADER_MISMATCH, claimed,
                        VdxpRequest.SIGN_HEADER_KEY + " does not list the signed keys");
            }
        }
        return null;
    }

    /**
     * Whether the received header values are the signed ones: the same set of values (surrounding space
     * ignored), or the same text once a transport's joining or splitting at commas is undone.
     */
    private static boolean sameValues(List<String> received, List<String> signed) {
        List<String> r = trimmed(received);
        List<String> s = trimmed(signed);
        if (new LinkedHashSet<>(r).equals(new LinkedHashSet<>(s))) {
            return true;
        }
        return commaCanonical(String.join(",", r)).equals(commaCanonical(String.join(",", s)));
    }

    private static List<String> trimmed(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(v.trim()));
        return out;
    }

    private static String commaCanonical(String s) {
        return s.replaceAll("\\s*,\\s*", ",");
    }

    private static Result verifyBody(VdxpRequest request, String systemId) {
        Optional<String> hashFile = Optional.ofNullable(request.signedMembers().get(VdxpRequest.HASH_FILE))
                .or(request::hashFile);
        if (hashFile.isEmpty() || hashFile.get().isBlank()) {
            return Result.fail(Reason.MISSING_HEADER, systemId, "sendEdoc without " + VdxpRequest.PREFIX + VdxpRequest.HASH_FILE);
        }
        byte[] body = request.body();
        List<byte[]> candidates = new ArrayList<>();
        int n = body.length;
        if (n >= 2 && body[n - 2] == '\r' && body[n - 1] == '\n') {
            candidates.add(Arrays.copyOf(body, n - 2)); // the SDK: file + CRLF
        }
        candidates.add(body); // a client that sends the file alone
        for (byte[] file : candidates) {
            byte[] digest = VdxpCrypto.sha256(file);
            if (VdxpCrypto.hashFileMatches(hashFile.get(), digest)) {
                return Result.ok(systemId, file, digest);
            }
        }
        return Result.fail(Reason.BODY_HASH_MISMATCH, systemId, "SHA-256 of the body is not " + VdxpRequest.PREFIX
                + VdxpRequest.HASH_FILE + " " + hashFile.get());
    }
}
