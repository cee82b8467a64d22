package vn.lienthong.encoding;

/**
 * Windows-1252 as a lossless byte ↔ char bridge for legacy Vietnamese text.
 *
 * <p>TCVN3 and VNI were never registered charsets: their bytes are read by every tool as
 * Windows-1252 (or Latin-1). To undo that, text is mapped back to the bytes it came from. Unlike
 * the JDK decoder, the five bytes 1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the
 * C1 control with the same value instead of U+FFFD, so nothing is lost (as WHATWG does). The C1
 * controls U+0080–U+009F are accepted on the way back too, because a Latin-1 decoding yields them.
 */
final class Cp1252 {
    private Cp1252() {}

    /** Bytes 0x80–0x9F in Windows-1252; the other bytes equal their Latin-1 code point. */
    private static final char[] HIGH = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', // 80–87 € . ‚ ƒ „ … † ‡
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F', // 88–8F ˆ ‰ Š ‹ Œ . Ž .
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', // 90–97 . ‘ ’ “ ” • – —
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178', // 98–9F ˜ ™ š › œ . ž Ÿ
    };

    static char toChar(int b) {
        b &= 0xFF;
        return b >= 0x80 && b < 0xA0 ? HIGH[b - 0x80] : (char) b;
    }

    static String decode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) sb.append(toChar(b));
        return sb.toString();
    }

    /** The byte a char came from, or -1 when the char is not in Windows-1252 (nor a C1 control). */
    static int toByte(char c) {
        if (c < 0x100) return c;
        for (int i = 0; i < HIGH.length; i++) if (HIGH[i] == c) return 0x80 + i;
        return -1;
    }

    /** The bytes a text came from, or null when some char cannot have come from a 1252/Latin-1 decoding. */
    static byte[] encode(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int b = toByte(text.charAt(i));
            if (b < 0) return null;
            out[i] = (byte) b;
        }
        return out;
    }
}
