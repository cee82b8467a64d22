package vn.lienthong.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest the gateway uses to identify what it was handed (intake keys, archive,
 * tokens, the national axis' {@code hash-file}) and to notice tampering (R21). Files are streamed.
 */
public final class Sha256 {
    private Sha256() { }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    /** Lowercase hex of the digest of {@code data}. */
    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(of(data));
    }

    /** Lowercase hex of the digest of the UTF-8 bytes of {@code text}. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lowercase hex of the digest of a file, read as a stream. */
    public static String hex(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
