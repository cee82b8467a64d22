package vn.lienthong.encoding;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TCVN3, the "ABC" code of TCVN 5712:1993 (table VN3), used by the .Vn* fonts (.VnTime,
 * .VnArial …) and their capital twins (.VnTimeH, .VnArialH …).
 *
 * <p>Bytes 0x00–0x7F are ASCII. Vietnamese letters live in 0xA1–0xFE: every <em>lowercase</em>
 * letter with its tone, plus only seven capitals: Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7). There is no code for
 * a toned capital such as Ủ or Ấ. Capital text was written in an "H" font, which draws capital
 * glyphs at the lowercase positions: the same byte 0xB8 shows "á" in .VnTime and "Á" in .VnTimeH.
 * Bytes alone therefore cannot tell "á" from "Á"; see {@link Case} for what we do about it.
 *
 * <p>The table below was checked against libiconv's TCVN-5712 (same lowercase block and the same
 * capitals at 0xA1–0xA7) and against real documents ("Céng hßa x· héi chñ nghÜa ViÖt Nam",
 * "§éc lËp - Tù do - H¹nh phóc"). The remaining bytes of 0xA0–0xFF (0xAF, 0xB0–0xB4, 0xBA, 0xBF–0xC5,
 * 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF) hold nothing in the ABC fonts; the full TCVN 5712 VN1 table
 * (libiconv "TCVN") puts toned capitals and combining marks there and in 0x01–0x17/0x80–0x9F, but
 * the ABC fonts and keyboards never produced them, so they are treated as "not TCVN3" here. Bytes
 * 0x80–0x9F are read as Windows-1252 punctuation (“ ” – … ), which is what the fonts show.
 */
public final class Tcvn3 {
    private Tcvn3() {}

    /**
     * How to choose letter case for toned letters, which TCVN3 stores only in lowercase form.
     */
    public enum Case {
        /**
         * Guess per word: a word with no lowercase ASCII letter and at least two capitals (or a
         * capital after its first letter), e.g. "CéNG", "ñY", "Q§", was written in an H font and is
         * upper-cased whole ("CỘNG", "ỦY", "QĐ"). A word that cannot tell by itself ("Uû", "Hµ")
         * follows its nearest neighbours on the same line when they are all capital words, else
         * stays lowercase ("Uû ban" → "Uỷ ban", "Uû BAN" → "UỶ BAN").
         */
        AUTO,
        /** As stored: the text was in a lowercase font (.VnTime); toned letters stay lowercase. */
        LOWER_FONT,
        /** The whole text was in a capital font (.VnTimeH): everything is upper-cased. */
        UPPER_FONT
    }

    /** Byte → Unicode; '\0' = the byte is not a TCVN3 letter. */
    private static final char[] TO_UNICODE = new char[256];
    /** Unicode → byte, the inverse of {@link #TO_UNICODE} (lowercase toned letters and the 7 capitals). */
    private static final Map<Character, Integer> FROM_UNICODE = new HashMap<>();

    private static void put(int b, char c) {
        if (TO_UNICODE[b] != 0 || FROM_UNICODE.containsKey(c)) throw new IllegalStateException("duplicate TCVN3 entry " + Integer.toHexString(b));
        TO_UNICODE[b] = c;
        FROM_UNICODE.put(c, b);
    }

    static {
        // --- the seven capitals TCVN3 has ---
        put(0xA1, 'Ă'); put(0xA2, 'Â'); put(0xA3, 'Ê'); put(0xA4, 'Ô');
        put(0xA5, 'Ơ'); put(0xA6, 'Ư'); put(0xA7, 'Đ');
        // --- lowercase letters with a vowel mark, and đ ---
        put(0xA8, 'ă'); put(0xA9, 'â'); put(0xAA, 'ê'); put(0xAB, 'ô');
        put(0xAC, 'ơ'); put(0xAD, 'ư'); put(0xAE, 'đ');
        //        huyền          hỏi            ngã            sắc            nặng
        // a
        put(0xB5, 'à'); put(0xB6, 'ả'); put(0xB7, 'ã'); put(0xB8, 'á'); put(0xB9, 'ạ');
        // ă
        put(0xBB, 'ằ'); put(0xBC, 'ẳ'); put(0xBD, 'ẵ'); put(0xBE, 'ắ'); put(0xC6, 'ặ');
        // â
        put(0xC7, 'ầ'); put(0xC8, 'ẩ'); put(0xC9, 'ẫ'); put(0xCA, 'ấ'); put(0xCB, 'ậ');
        // e
        put(0xCC, 'è'); put(0xCE, 'ẻ'); put(0xCF, 'ẽ'); put(0xD0, 'é'); put(0xD1, 'ẹ');
        // ê
        put(0xD2, 'ề'); put(0xD3, 'ể'); put(0xD4, 'ễ'); put(0xD5, 'ế'); put(0xD6, 'ệ');
        // i
        put(0xD7, 'ì'); put(0xD8, 'ỉ'); put(0xDC, 'ĩ'); put(0xDD, 'í'); put(0xDE, 'ị');
        // o
        put(0xDF, 'ò'); put(0xE1, 'ỏ'); put(0xE2, 'õ'); put(0xE3, 'ó'); put(0xE4, 'ọ');
        // ô
        put(0xE5, 'ồ'); put(0xE6, 'ổ'); put(0xE7, 'ỗ'); put(0xE8, 'ố'); put(0xE9, 'ộ');
        // ơ
        put(0xEA, 'ờ'); put(0xEB, 'ở'); put(0xEC, 'ỡ'); put(0xED, 'ớ'); put(0xEE, 'ợ');
        // u
        put(0xEF, 'ù'); put(0xF1, 'ủ'); put(0xF2, 'ũ'); put(0xF3, 'ú'); put(0xF4, 'ụ');
        // ư
        put(0xF5, 'ừ'); put(0xF6, 'ử'); put(0xF7, 'ữ'); put(0xF8, 'ứ'); put(0xF9, 'ự');
        // y
        put(0xFA, 'ỳ'); put(0xFB, 'ỷ'); put(0xFC, 'ỹ'); put(0xFD, 'ý'); put(0xFE, 'ỵ');
    }

    /** Number of letters in the table (7 capitals + 7 marked lowercase + 12 vowels × 5 tones). */
    static int tableSize() { return FROM_UNICODE.size(); }

    /** The Unicode letter for a TCVN3 byte, or '\0' when the byte is not a TCVN3 letter. */
    public static char letter(int b) { return TO_UNICODE[b & 0xFF]; }

    /** True for bytes 0xA1–0xA7, the only capitals TCVN3 has. */
    static boolean isCapitalCode(int b) { b &= 0xFF; return b >= 0xA1 && b <= 0xA7; }

    // ------------------------------------------------------------------ decoding

    /** TCVN3 bytes → Unicode NFC, letter case chosen by {@code mode}. */
    public static String decode(byte[] bytes, Case mode) {
        return decode(bytes, mode, false);
    }

    /**
     * Text that was TCVN3 bytes read as Windows-1252/Latin-1 (e.g. "ViÖt Nam") → Unicode NFC.
     *
     * @throws IllegalArgumentException when a char cannot have come from such a decoding
     */
    public static String decode(String latinText, Case mode) {
        byte[] b = Cp1252.encode(latinText);
        if (b == null) throw new IllegalArgumentException("text has characters outside Windows-1252, so it is not TCVN3 read as 1252");
        return decode(b, mode, false);
    }

    /**
     * @param markUnmapped for scoring: a byte in 0xA1–0xFF that is not a TCVN3 letter but is a
     *     letter in 1252 becomes {@link VietnameseSyllable#UNMAPPED}, so the word counts as implausible
     */
    static String decode(byte[] bytes, Case mode, boolean markUnmapped) {
        List<int[]> words = words(bytes);
        boolean[] upper = new boolean[words.size()];
        if (mode == Case.AUTO) upper = autoCase(bytes, words);
        StringBuilder out = new StringBuilder(bytes.length);
        int w = 0;
        for (int i = 0; i < bytes.length; ) {
            if (w < words.size() && words.get(w)[0] == i) {
                int end = words.get(w)[1];
                StringBuilder word = new StringBuilder(end - i);
                for (int k = i; k < end; k++) word.append(charFor(bytes[k], markUnmapped));
                out.append(upper[w] ? word.toString().toUpperCase(Locale.ROOT) : word);
                i = end;
                w++;
            } else {
                out.append(charFor(bytes[i], markUnmapped));
                i++;
            }
        }
        String s = out.toString();
        if (mode == Case.UPPER_FONT) s = s.toUpperCase(Locale.ROOT);
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static char charFor(byte b, boolean markUnmapped) {
        int v = b & 0xFF;
        char t = TO_UNICODE[v];
        if (t != 0) return t;
        char c = Cp1252.toChar(v);
        if (markUnmapped && v >= 0xA1 && Character.isLetter(c)) return VietnameseSyllable.UNMAPPED;
        return c;
    }

    /** A byte that belongs to a word: an ASCII letter or any byte from 0xA1 up (TCVN3 letters sit there). */
    private static boolean wordByte(int v) {
        return (v >= 'A' && v <= 'Z') || (v >= 'a' && v <= 'z') || v >= 0xA1;
    }

    private static List<int[]> words(byte[] b) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            if (!wordByte(b[i] & 0xFF)) { i++; continue; }
            int s = i;
            while (i < b.length && wordByte(b[i] & 0xFF)) i++;
            out.add(new int[] {s, i});
        }
        return out;
    }

    /** Word classes for {@link Case#AUTO}; NEUTRAL = capitals but no syllable (UBND, QĐ): no evidence of an H font. */
    private static final int LOWER = 0, UPPER = 1, UNDECIDED = 2, NEUTRAL = 3;

    /** Case of each word under {@link Case#AUTO}. */
    private static boolean[] autoCase(byte[] b, List<int[]> words) {
        int n = words.size();
        int[] cls = new int[n];
        int[] line = new int[n];
        int ln = 0, wi = 0;
        for (int i = 0; i < b.length && wi < n; i++) {
            if (i == words.get(wi)[0]) {
                line[wi] = ln;
                cls[wi] = classify(b, words.get(wi)[0], words.get(wi)[1]);
                i = words.get(wi)[1] - 1;
                wi++;
            } else if (b[i] == '\n' || b[i] == '\r') {
                ln++;
            }
        }
        boolean[] upper = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (cls[i] == UPPER || cls[i] == NEUTRAL) { upper[i] = true; continue; }
            if (cls[i] != UNDECIDED) continue;
            int left = -1, right = -1;
            for (int j = i - 1; j >= 0 && line[j] == line[i]; j--) if (cls[j] == UPPER || cls[j] == LOWER) { left = cls[j]; break; }
            for (int j = i + 1; j < n && line[j] == line[i]; j++) if (cls[j] == UPPER || cls[j] == LOWER) { right = cls[j]; break; }
            upper[i] = (left == UPPER || right == UPPER) && left != LOWER && right != LOWER;
        }
        return upper;
    }

    private static int classify(byte[] b, int from, int to) {
        int lowerAscii = 0, capitals = 0;
        boolean capitalAfterFirst = false;
        for (int k = from; k < to; k++) {
            int v = b[k] & 0xFF;
            if (v >= 'a' && v <= 'z') lowerAscii++;
            else if ((v >= 'A' && v <= 'Z') || isCapitalCode(v)) {
                capitals++;
                if (k > from) capitalAfterFirst = true;
            }
        }
        if (lowerAscii > 0) return LOWER;
        if (capitals >= 2 || capitalAfterFirst) {
            StringBuilder w = new StringBuilder(to - from);
            for (int k = from; k < to; k++) w.append(charFor(b[k], true));
            return VietnameseSyllable.isSyllable(w.toString().toLowerCase(Locale.ROOT)) ? UPPER : NEUTRAL;
        }
        return UNDECIDED;
    }

    // ------------------------------------------------------------------ encoding

    /**
     * Unicode → TCVN3 bytes, as an ABC keyboard would type it. A toned capital (Á, Ủ, Ệ …) has no
     * code, so it gets the lowercase code, exactly what a .VnTimeH user produced: "ỦY BAN" → "ñY BAN"
     * (read back as capitals by {@link Case#AUTO}), but "Ủy ban" → "ñy ban" (read back "ủy ban").
     * Characters TCVN3 cannot hold become '?'.
     */
    public static byte[] encode(String unicode) {
        String s = Normalizer.normalize(unicode, Normalizer.Form.NFC);
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) { out[n++] = (byte) c; continue; }
            Integer b = FROM_UNICODE.get(c);
            if (b == null) b = FROM_UNICODE.get(Character.toLowerCase(c));
            if (b == null) {
                int p = Cp1252.toByte(c);
                // 1252 punctuation (0x80–0x9F, NBSP) passes through; anything else is not representable
                b = (p >= 0x80 && p <= 0xA0) ? p : '?';
            }
            out[n++] = (byte) (int) b;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** {@link #encode} shown the way a 1252 reader shows it, e.g. "Việt Nam" → "ViÖt Nam". */
    public static String encodeAsLatin(String unicode) {
        return Cp1252.decode(encode(unicode));
    }
}
