package vn.lienthong.encoding;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * VNI Windows, the code of the VNI fonts (VNI-Times, VNI-Helve …).
 *
 * <p>Unlike TCVN3, VNI writes most toned vowels as two bytes: the ASCII base letter followed by an
 * "accent byte" that carries the vowel mark and/or the tone, e.g. "a"+"ù" = á, "e"+"ä" = ệ,
 * "A"+"Ù" = Á ("Vieät Nam", "Quoác hoäi"). Capitals are fully supported (capital accent bytes).
 * A few letters are single bytes: ơ = "ô", ư = "ö", đ = "ñ", the toned i's (í ì ỉ ĩ ị) and ỵ.
 * ơ and ư take tones like a base letter: "ô"+"ù" = ớ, "ö"+"ï" = ự ("ñöôïc" = được).
 * All VNI bytes are in 0xC0–0xFF, so Windows-1252 and Latin-1 read them the same way.
 *
 * <p>Table checked against the VNI table of xvnkb (Dao Hai Lam, 2002) and real documents
 * ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Ñoäc laäp - Töï do - Haïnh phuùc").
 */
public final class Vni {
    private Vni() {}

    /** Vowel mark carried by an accent byte. */
    private enum Mark { NONE, CIRCUMFLEX, BREVE }

    /** Tone carried by an accent byte, as the Unicode combining mark. */
    private static final char NO_TONE = 0, SAC = '\u0301', HUYEN = '\u0300', HOI = '\u0309', NGA = '\u0303', NANG = '\u0323';

    /** An accent byte: its lowercase and capital form, the mark and the tone it adds. */
    private record Accent(char lower, char upper, Mark mark, char tone) {}

    /**
     * The accent bytes of VNI Windows (shown as Windows-1252 characters).
     * Tone only (a e o u y ơ ư), circumflex ± tone (a e o), breve ± tone (a only).
     */
    private static final Accent[] ACCENTS = {
        // tone only                                   e.g.
        new Accent('ù', 'Ù', Mark.NONE, SAC),          // aù = á
        new Accent('ø', 'Ø', Mark.NONE, HUYEN),        // aø = à
        new Accent('û', 'Û', Mark.NONE, HOI),          // aû = ả
        new Accent('õ', 'Õ', Mark.NONE, NGA),          // aõ = ã
        new Accent('ï', 'Ï', Mark.NONE, NANG),         // aï = ạ
        // circumflex (â ê ô) with or without tone
        new Accent('â', 'Â', Mark.CIRCUMFLEX, NO_TONE),  // aâ = â
        new Accent('á', 'Á', Mark.CIRCUMFLEX, SAC),      // aá = ấ
        new Accent('à', 'À', Mark.CIRCUMFLEX, HUYEN),    // aà = ầ
        new Accent('å', 'Å', Mark.CIRCUMFLEX, HOI),      // aå = ẩ
        new Accent('ã', 'Ã', Mark.CIRCUMFLEX, NGA),      // aã = ẫ
        new Accent('ä', 'Ä', Mark.CIRCUMFLEX, NANG),     // aä = ậ
        // breve (ă) with or without tone
        new Accent('ê', 'Ê', Mark.BREVE, NO_TONE),       // aê = ă
        new Accent('é', 'É', Mark.BREVE, SAC),           // aé = ắ
        new Accent('è', 'È', Mark.BREVE, HUYEN),         // aè = ằ
        new Accent('ú', 'Ú', Mark.BREVE, HOI),           // aú = ẳ
        new Accent('ü', 'Ü', Mark.BREVE, NGA),           // aü = ẵ
        new Accent('ë', 'Ë', Mark.BREVE, NANG),          // aë = ặ
    };

    /** Letters that VNI writes as one byte (lowercase, capital). */
    private static final char[][] SINGLE = {
        // VNI  Unicode    VNI  Unicode
        {'ñ', 'đ'}, {'Ñ', 'Đ'},
        {'ô', 'ơ'}, {'Ô', 'Ơ'},
        {'ö', 'ư'}, {'Ö', 'Ư'},
        {'í', 'í'}, {'Í', 'Í'},   // i sắc
        {'ì', 'ì'}, {'Ì', 'Ì'},   // i huyền
        {'æ', 'ỉ'}, {'Æ', 'Ỉ'},   // i hỏi
        {'ó', 'ĩ'}, {'Ó', 'Ĩ'},   // i ngã
        {'ò', 'ị'}, {'Ò', 'Ị'},   // i nặng
        {'î', 'ỵ'}, {'Î', 'Ỵ'},   // y nặng (ý ỳ ỷ ỹ are y + accent byte)
    };

    private static final Map<Character, Accent> ACCENT_BY_CHAR = new HashMap<>();
    private static final Map<Character, Character> SINGLE_TO_UNICODE = new HashMap<>();
    private static final Map<Character, Character> UNICODE_TO_SINGLE = new HashMap<>();
    /** (mark, tone) → accent, for encoding. */
    private static final Map<String, Accent> ACCENT_BY_VALUE = new HashMap<>();

    static {
        for (Accent a : ACCENTS) {
            ACCENT_BY_CHAR.put(a.lower(), a);
            ACCENT_BY_CHAR.put(a.upper(), a);
            ACCENT_BY_VALUE.put(a.mark() + ":" + (int) a.tone(), a);
        }
        for (char[] p : SINGLE) {
            SINGLE_TO_UNICODE.put(p[0], p[1]);
            UNICODE_TO_SINGLE.put(p[1], p[0]);
        }
    }

    /** The base letter an accent byte may follow, in Unicode ('ơ'/'ư' for VNI "ô"/"ö"), or '\0'. */
    private static char base(char vniChar) {
        switch (vniChar) {
            case 'a': case 'e': case 'o': case 'u': case 'y':
            case 'A': case 'E': case 'O': case 'U': case 'Y':
                return vniChar;
            case 'ô': return 'ơ';
            case 'Ô': return 'Ơ';
            case 'ö': return 'ư';
            case 'Ö': return 'Ư';
            default: return 0;
        }
    }

    private static boolean allowed(char base, Accent a) {
        char b = Character.toLowerCase(base);
        switch (a.mark()) {
            case BREVE: return b == 'a';
            case CIRCUMFLEX: return b == 'a' || b == 'e' || b == 'o';
            default: return true; // a tone fits every vowel base; "y"+"ï" (ỵ) is accepted too, VNI proper uses "î"
        }
    }

    // ------------------------------------------------------------------ decoding

    /** VNI bytes → Unicode NFC. */
    public static String decode(byte[] bytes) {
        return decode(Cp1252.decode(bytes), false);
    }

    /**
     * Text that was VNI bytes read as Windows-1252/Latin-1 (e.g. "Vieät Nam") → Unicode NFC.
     *
     * @throws IllegalArgumentException when a char cannot have come from such a decoding
     */
    public static String decode(String latinText) {
        if (Cp1252.encode(latinText) == null) throw new IllegalArgumentException("text has characters outside Windows-1252, so it is not VNI read as 1252");
        return decode(latinText, false);
    }

    /**
     * @param markUnmapped for scoring: a Latin-1 letter that VNI does not use at that place (an accent
     *     byte after a consonant, "ç", "ß" …) becomes {@link VietnameseSyllable#UNMAPPED}
     */
    static String decode(String s, boolean markUnmapped) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char base = base(c);
            if (base != 0 && i + 1 < s.length()) {
                Accent a = ACCENT_BY_CHAR.get(s.charAt(i + 1));
                if (a != null && allowed(base, a)) {
                    out.append(compose(base, a.mark(), a.tone()));
                    i++;
                    continue;
                }
            }
            if (base != 0) { out.append(base); continue; }
            Character single = SINGLE_TO_UNICODE.get(c);
            if (single != null) { out.append(single); continue; }
            if (markUnmapped && c >= 0xA1 && c <= 0xFF && Character.isLetter(c)) { out.append(VietnameseSyllable.UNMAPPED); continue; }
            out.append(c);
        }
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    private static String compose(char base, Mark mark, char tone) {
        StringBuilder sb = new StringBuilder(3).append(base);
        if (mark == Mark.CIRCUMFLEX) sb.append('\u0302');
        if (mark == Mark.BREVE) sb.append('\u0306');
        if (tone != NO_TONE) sb.append(tone);
        return Normalizer.normalize(sb, Normalizer.Form.NFC);
    }

    // ------------------------------------------------------------------ encoding

    /** Unicode → VNI bytes. Characters VNI cannot hold become '?'. */
    public static byte[] encode(String unicode) {
        String s = encodeAsLatin(unicode);
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            int b = Cp1252.toByte(s.charAt(i));
            out[i] = (byte) (b < 0 ? '?' : b);
        }
        return out;
    }

    /** {@link #encode} shown the way a 1252 reader shows it, e.g. "Việt Nam" → "Vieät Nam". */
    public static String encodeAsLatin(String unicode) {
        String s = Normalizer.normalize(unicode, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length() + s.length() / 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) { out.append(c); continue; }
            Character single = UNICODE_TO_SINGLE.get(c);
            if (single != null) { out.append(single); continue; }
            // decompose: base letter, vowel mark (circumflex, breve, horn), tone
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = d.charAt(0);
            Mark mark = Mark.NONE;
            boolean horn = false;
            char tone = NO_TONE;
            boolean ok = base < 0x80 && Character.isLetter(base);
            for (int k = 1; k < d.length() && ok; k++) {
                switch (d.charAt(k)) {
                    case '\u0302': mark = Mark.CIRCUMFLEX; break;
                    case '\u0306': mark = Mark.BREVE; break;
                    case '\u031B': horn = true; break;
                    case '\u0301': case '\u0300': case '\u0309': case '\u0303': case '\u0323': tone = d.charAt(k); break;
                    default: ok = false;
                }
            }
            boolean upper = Character.isUpperCase(base);
            char lb = Character.toLowerCase(base);
            if (ok && horn && (lb == 'o' || lb == 'u') && mark == Mark.NONE) {
                out.append(upper ? (lb == 'o' ? 'Ô' : 'Ö') : (lb == 'o' ? 'ô' : 'ö'));
                if (tone != NO_TONE) appendAccent(out, Mark.NONE, tone, upper);
            } else if (ok && !horn && "aeouy".indexOf(lb) >= 0 && d.length() > 1) {
                out.append(base);
                appendAccent(out, mark, tone, upper);
            } else {
                // i with a tone and ỵ are covered by SINGLE; anything else is not Vietnamese
                out.append(Cp1252.toByte(c) >= 0x80 && Cp1252.toByte(c) <= 0xA0 ? c : '?');
            }
        }
        return out.toString();
    }

    private static void appendAccent(StringBuilder out, Mark mark, char tone, boolean upper) {
        Accent a = ACCENT_BY_VALUE.get(mark + ":" + (int) tone);
        if (a == null) { out.append('?'); return; }
        out.append(upper ? a.upper() : a.lower());
    }
}
