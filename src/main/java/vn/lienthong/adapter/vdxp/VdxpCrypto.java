package vn.lienthong.adapter.vdxp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The digests of the national axis protocol (VDXP-PROTOCOL.md §2): HMAC-SHA256 of the sign-header
 * string keyed with the UTF-8 bytes of the agency's secret (never base64-decoded), rendered as 64
 * lowercase hex characters; and SHA-256 of the edXML file rendered the SDK's way, each byte as
 * {@code %x} <em>without zero padding</em> ({@code 0x0e → "e"}, {@code 0x00 → "0"}).
 */
public final class VdxpCrypto {
    private static final HexFormat HEX = HexFormat.of();

    private VdxpCrypto() {
    }

    /** HMAC-SHA256 keyed with the UTF-8 bytes of {@code secret}, used as-is. */
    public static byte[] hmacSha256(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            // An empty secret is not a valid SecretKeySpec; HMAC with an empty key is a zero block.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code XroadVnpt-hash-header} for a sign-header string: lowercase hex HMAC over its UTF-8 bytes. */
    public static String hmacSha256Hex(String secret, String signHeader) {
        return HEX.formatHex(hmacSha256(secret, signHeader.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] data) {
        return vn.lienthong.integrity.Sha256.of(data);
    }

    /** Lowercase, zero-padded hex (two characters a byte). */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** The SDK's hex: each byte as {@code Integer.toHexString(b & 0xff)}, no zero padding (§2 hash-file). */
    public static String unpaddedHex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Integer.toHexString(b & 0xff));
        }
        return sb.toString();
    }

    /** {@code XroadVnpt-hash-file} for an edXML file, exactly as the SDK sends it. */
    public static String sha256UnpaddedHex(byte[] file) {
        return unpaddedHex(sha256(file));
    }

    /**
     * Whether a received {@code hash-file} value names this SHA-256 digest. The SDK's unpadded form is
     * accepted, and so is the ordinary 64-character form; hex case is ignored. Constant time in the
     * content of the values.
     */
    public static boolean hashFileMatches(String hashFile, byte[] sha256Digest) {
        if (hashFile == null) {
            return false;
        }
        byte[] got = hashFile.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean unpadded = MessageDigest.isEqual(got, unpaddedHex(sha256Digest).getBytes(StandardCharsets.US_ASCII));
        boolean padded = MessageDigest.isEqual(got, hex(sha256Digest).getBytes(StandardCharsets.US_ASCII));
        return unpadded | padded;
    }

    /** Decodes hex of either case; empty when the text is not an even-length hex string. */
    static Optional<byte[]> parseHex(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty() || (t.length() & 1) != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(t.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
