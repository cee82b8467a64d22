package vn.lienthong.encoding;

import java.text.Normalizer;

/**
 * Windows-1258 (CP1258), Microsoft's Vietnamese code page. It is Windows-1252 with 14 bytes
 * changed: five become the Vietnamese letters Ă ă Đ đ Ơ ơ Ư ư, one the đồng sign, and five the
 * <em>combining</em> tone marks, which follow their vowel ("Việt" = V i ê U+0323 t). Decoding
 * therefore yields decomposed text, which is composed to NFC.
 *
 * <p>Our own table rather than the JDK charset, so that it also works on a trimmed runtime without
 * the jdk.charsets module, and so that a text already read as 1252 can be re-read as 1258.
 */
public final class Cp1258 {
    private Cp1258() {}

    /** The bytes where Windows-1258 differs from Windows-1252 (0x80–0xFF), and what they are. */
    private static final int[][] DIFF = {
        // byte  Unicode    1252 shows  1258 means
        {0xC3, 0x0102},  // Ã          Ă
        {0xCC, 0x0300},  // Ì          combining grave (huyền)
        {0xD0, 0x0110},  // Ð          Đ
        {0xD2, 0x0309},  // Ò          combining hook above (hỏi)
        {0xD5, 0x01A0},  // Õ          Ơ
        {0xDD, 0x01AF},  // Ý          Ư
        {0xDE, 0x0303},  // Þ          combining tilde (ngã)
        {0xE3, 0x0103},  // ã          ă
        {0xEC, 0x0301},  // ì          combining acute (sắc)
        {0xF0, 0x0111},  // ð          đ
        {0xF2, 0x0323},  // ò          combining dot below (nặng)
        {0xF5, 0x01A1},  // õ          ơ
        {0xFD, 0x01B0},  // ý          ư
        {0xFE, 0x20AB},  // þ          ₫ (đồng sign)
        // 0x8A, 0x8E, 0x9A, 0x9E (Š Ž š ž in 1252) are unassigned in 1258: kept as C1 controls
        {0x8A, 0x008A}, {0x8E, 0x008E}, {0x9A, 0x009A}, {0x9E, 0x009E},
    };

    private static final char[] TO_UNICODE = new char[256];

    static {
        for (int b = 0; b < 256; b++) TO_UNICODE[b] = Cp1252.toChar(b);
        for (int[] d : DIFF) TO_UNICODE[d[0]] = (char) d[1];
    }

    /** CP1258 bytes → Unicode NFC. */
    public static String decode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) sb.append(TO_UNICODE[b & 0xFF]);
        return Normalizer.normalize(sb, Normalizer.Form.NFC);
    }

    /**
     * Text that was CP1258 bytes read as Windows-1252/Latin-1 (e.g. "Viêòt") → Unicode NFC.
     *
     * @throws IllegalArgumentException when a char cannot have come from such a decoding
     */
    public static String decode(String latinText) {
        byte[] b = Cp1252.encode(latinText);
        if (b == null) throw new IllegalArgumentException("text has characters outside Windows-1252, so it is not CP1258 read as 1252");
        return decode(b);
    }
}
