package vn.lienthong.encoding;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tells which encoding a Vietnamese text is in, and turns it into Unicode NFC (R12: text is
 * Unicode, TCVN 6909:2001; legacy TCVN3/VNI text is converted or refused with a reason).
 *
 * <h2>How</h2>
 * Each possible reading of the text (as it is, CP1258, TCVN3, VNI) is converted and its words
 * containing non-ASCII letters are checked with {@link VietnameseSyllable}: the share of real
 * syllables is the reading's plausibility. The right reading of real Vietnamese scores near 1, the
 * wrong ones far lower ("Vieät" read as TCVN3 is "Vieọt"). Characters a reading cannot map (e.g.
 * "à" is no TCVN3 letter) make their word implausible.
 *
 * <ul>
 *   <li>Only ASCII → {@link Encoding#ASCII} (nothing to convert; Vietnamese without diacritics).</li>
 *   <li>Vietnamese-only letters (ă đ ơ ư ạ ả … or combining marks) → {@link Encoding#UNICODE}, NFD is
 *       composed to NFC; if the text also holds several words that only make sense as TCVN3/VNI, it
 *       is mixed → {@link Encoding#AMBIGUOUS}.</li>
 *   <li>Otherwise the text only uses Latin-1/1252 characters and the readings compete. A reading must
 *       reach {@value #PLAUSIBLE} to count. The text as it is (Unicode) wins whenever it is plausible
 *       and within {@value #MARGIN} of the best, since proper Unicode is the normal case. Two legacy
 *       readings with different results within {@value #MARGIN} of each other, or a best reading
 *       with too little evidence (confidence below {@value #MIN_CONFIDENCE}) → AMBIGUOUS.</li>
 *   <li>No plausible reading → {@link Encoding#UNKNOWN} for text (or bytes not valid UTF-8): it is not
 *       recognisably Vietnamese; it is returned unconverted. Valid UTF-8 bytes with no plausible
 *       legacy reading are plain Unicode (e.g. French).</li>
 * </ul>
 *
 * <p>{@link Detection#unicodeNfc()} is the converted text for UNICODE, ASCII, TCVN3, VNI and CP1258,
 * and the text unconverted (as read, NFC) for UNKNOWN and AMBIGUOUS. Callers refuse AMBIGUOUS
 * ({@link Detection#mustRefuse()}); UNKNOWN text is kept as it is.
 *
 * <p>For a document with many short fields, detect once on all fields joined by newlines and
 * {@link #convert(String, Encoding) convert} each field with the result: one field such as
 * "Huế" alone is too short to tell, the whole document is not.
 */
public final class VietnameseText {
    private VietnameseText() {}

    /** What a text was written in. */
    public enum Encoding {
        /** Unicode (UTF-8 bytes, or a Java String that reads as Unicode Vietnamese). */
        UNICODE,
        /** TCVN 5712:1993 VN3, the ABC code of the .VnTime fonts. */
        TCVN3,
        /** VNI Windows, the code of the VNI-Times fonts. */
        VNI,
        /** Windows-1258, Microsoft's Vietnamese code page (combining tone marks). */
        CP1258,
        /** Only ASCII characters: nothing to convert. */
        ASCII,
        /** Not recognisably Vietnamese in any supported encoding; returned unconverted. */
        UNKNOWN,
        /** Two encodings are about equally plausible, the text is too short to tell, or it is mixed or damaged: refuse. */
        AMBIGUOUS
    }

    /**
     * The verdict on a text.
     *
     * @param encoding what the text was written in
     * @param confidence 0–1, how sure the verdict is (heuristic)
     * @param unicodeNfc the text as Unicode NFC (unconverted for UNKNOWN and AMBIGUOUS)
     * @param detail why, in English, for logs and the detail of a refusal (e.g. plausibility scores)
     */
    public record Detection(Encoding encoding, double confidence, String unicodeNfc, String detail) {
        public Detection(Encoding encoding, double confidence, String unicodeNfc) {
            this(encoding, confidence, unicodeNfc, "");
        }

        /** The caller must refuse the text with a reason (R12): the encoding cannot be told reliably. */
        public boolean mustRefuse() { return encoding == Encoding.AMBIGUOUS; }

        /** The text was in a legacy encoding and {@link #unicodeNfc()} is its conversion. */
        public boolean isConverted() {
            return encoding == Encoding.TCVN3 || encoding == Encoding.VNI || encoding == Encoding.CP1258;
        }
    }

    /** A reading needs this share of real syllables among its non-ASCII words to count at all. */
    static final double PLAUSIBLE = 0.7;
    /** Two readings closer than this are a tie. */
    static final double MARGIN = 0.25;
    /** A legacy reading with less confidence than this (too little evidence) is refused. */
    static final double MIN_CONFIDENCE = 0.5;
    /** Words that only make sense in TCVN3/VNI inside an otherwise Unicode text: from this many on, the text is mixed. */
    static final int MIXED_WORDS = 2;

    // ------------------------------------------------------------------ entry points

    /**
     * Detects the encoding of raw bytes (a TXT attachment, a field taken from a non-XML source,
     * a mail body without charset …) and converts them.
     */
    public static Detection detect(byte[] bytes) {
        if (bytes == null) throw new IllegalArgumentException("bytes must not be null");
        if (bytes.length == 0) return new Detection(Encoding.ASCII, 1.0, "", "empty");
        // byte order marks
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            String s = strictUtf8(bytes, 3);
            if (s == null) return new Detection(Encoding.AMBIGUOUS, 0, Cp1252.decode(bytes), "UTF-8 byte order mark but the bytes are not valid UTF-8");
            return fromUnicode(s, true);
        }
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            String s = new String(bytes, StandardCharsets.UTF_16);
            return fromUnicode(s, true);
        }
        boolean ascii = true;
        for (byte b : bytes) if (b < 0) { ascii = false; break; }
        if (ascii) return new Detection(Encoding.ASCII, 1.0, new String(bytes, StandardCharsets.US_ASCII), "only ASCII characters");
        String utf8 = strictUtf8(bytes, 0);
        if (utf8 != null) return fromUnicode(utf8, true);
        // not UTF-8: an 8-bit encoding; read as 1252 and let CP1258, TCVN3 and VNI compete
        String latin = Cp1252.decode(bytes);
        Detection d = compete(latin, false);
        if (d != null) return d;
        return new Detection(Encoding.UNKNOWN, 0, nfc(latin), "not UTF-8, and no reading as CP1258, TCVN3 or VNI gives Vietnamese words");
    }

    /**
     * Detects the encoding of a text that may have come through a Windows-1252/Latin-1 decoding of
     * legacy bytes ("ViÖt Nam", "Vieät Nam"), or be proper Unicode, and converts it.
     */
    public static Detection detect(String text) {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        return fromUnicode(text, false);
    }

    /**
     * Converts a text whose encoding is known (e.g. detected on the whole document) to Unicode NFC.
     * For TCVN3, VNI and CP1258 the text must be as a Windows-1252/Latin-1 reader produced it.
     *
     * @throws IllegalArgumentException for UNKNOWN/AMBIGUOUS, or a text that cannot be in that encoding
     */
    public static String convert(String text, Encoding from) {
        switch (from) {
            case UNICODE: case ASCII: return nfc(text);
            case TCVN3: return Tcvn3.decode(text, Tcvn3.Case.AUTO);
            case VNI: return Vni.decode(text);
            case CP1258: return Cp1258.decode(text);
            default: throw new IllegalArgumentException("cannot convert from " + from);
        }
    }

    /**
     * Converts bytes whose encoding is known to Unicode NFC.
     *
     * @throws IllegalArgumentException for UNKNOWN/AMBIGUOUS
     */
    public static String convert(byte[] bytes, Encoding from) {
        switch (from) {
            case UNICODE: return nfc(new String(bytes, StandardCharsets.UTF_8));
            case ASCII: return new String(bytes, StandardCharsets.US_ASCII);
            case TCVN3: return Tcvn3.decode(bytes, Tcvn3.Case.AUTO);
            case VNI: return Vni.decode(bytes);
            case CP1258: return Cp1258.decode(bytes);
            default: throw new IllegalArgumentException("cannot convert from " + from);
        }
    }

    // ------------------------------------------------------------------ the decision

    private static Detection fromUnicode(String text, boolean fromUtf8Bytes) {
        if (text.isEmpty()) return new Detection(Encoding.ASCII, 1.0, "", "empty");
        if (text.indexOf('\uFFFD') >= 0) {
            return new Detection(Encoding.AMBIGUOUS, 0, nfc(text),
                "the text holds U+FFFD replacement characters: its original bytes were lost by a wrong decoding");
        }
        boolean ascii = true, vietnameseOnly = false, latinOnly = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) ascii = false;
            if (isVietnameseOnly(c)) vietnameseOnly = true;
            if (Cp1252.toByte(c) < 0) latinOnly = false;
        }
        if (ascii) return new Detection(Encoding.ASCII, 1.0, text, "only ASCII characters");
        if (vietnameseOnly || !latinOnly) return unicode(text);
        // only Latin-1/1252 characters: Unicode as it is, or legacy bytes read as 1252?
        Detection d = compete(text, true);
        if (d != null) return d;
        if (fromUtf8Bytes) return new Detection(Encoding.UNICODE, 0.8, nfc(text), "valid UTF-8 without Vietnamese words; no legacy reading is plausible");
        return new Detection(Encoding.UNKNOWN, 0, nfc(text), "no reading as Unicode, CP1258, TCVN3 or VNI gives Vietnamese words");
    }

    /** Text with letters that exist only in Unicode Vietnamese: Unicode, unless legacy words are mixed in. */
    private static Detection unicode(String text) {
        String out = nfc(text);
        Score asIs = score(out);
        int legacyWords = 0;
        for (String w : words(out, true)) {
            // cheap tests first: only a word made of Windows-1252 characters can be legacy bytes read as 1252
            if (!hasNonAscii(w)) continue;
            byte[] b = Cp1252.encode(w);
            if (b == null || plausibleWord(w)) continue;
            if (plausibleWord(Tcvn3.decode(b, Tcvn3.Case.AUTO, true)) || plausibleWord(Vni.decode(w, true))) legacyWords++;
        }
        if (legacyWords >= MIXED_WORDS) {
            return new Detection(Encoding.AMBIGUOUS, 0, out,
                "Unicode text with " + legacyWords + " words that read as TCVN3 or VNI: mixed encodings");
        }
        String detail = out.equals(text) ? "Unicode" : "Unicode, composed from decomposed form (NFD) to NFC";
        double conf = asIs.marked() == 0 ? 1.0 : 0.5 + 0.5 * asIs.p();
        return new Detection(Encoding.UNICODE, conf, out, detail);
    }

    private record Candidate(Encoding encoding, String output, Score score, int preference) {}

    /**
     * Lets the readings of a Latin-1/1252 text compete. Returns null when none is plausible.
     *
     * @param asIsToo whether the text as it is (already Unicode) is one of the readings
     */
    private static Detection compete(String latin, boolean asIsToo) {
        byte[] bytes = Cp1252.encode(latin);
        String sample = sample(latin);
        byte[] sampleBytes = Cp1252.encode(sample);
        List<Candidate> all = new ArrayList<>();
        if (asIsToo) all.add(candidate(Encoding.UNICODE, nfc(latin), nfc(sample), 0));
        all.add(candidate(Encoding.CP1258, Cp1258.decode(bytes), Cp1258.decode(sampleBytes), 1));
        all.add(candidate(Encoding.TCVN3, Tcvn3.decode(bytes, Tcvn3.Case.AUTO), Tcvn3.decode(sampleBytes, Tcvn3.Case.AUTO, true), 2));
        all.add(candidate(Encoding.VNI, Vni.decode(latin, false), Vni.decode(sample, true), 3));
        // readings that give the same text are one reading: keep the preferred (as it is > CP1258 > TCVN3 > VNI)
        List<Candidate> distinct = new ArrayList<>();
        for (Candidate c : all) {
            boolean dup = false;
            for (Candidate d : distinct) if (d.output().equals(c.output())) { dup = true; break; }
            if (!dup) distinct.add(c);
        }
        distinct.sort(Comparator.comparingDouble((Candidate c) -> -c.score().w())
            .thenComparingInt(c -> -c.score().valid())
            .thenComparingInt(Candidate::preference));
        Candidate best = distinct.get(0);
        if (best.score().marked() == 0 || best.score().p() < PLAUSIBLE) return null;
        String scores = describe(distinct);
        for (Candidate c : distinct) {
            if (c.encoding() == Encoding.UNICODE && c.score().p() >= PLAUSIBLE && best.score().w() - c.score().w() < MARGIN) {
                return new Detection(Encoding.UNICODE, confidence(c, best == c ? second(distinct, c) : best), c.output(),
                    "reads as Unicode Vietnamese as it is (" + scores + ")");
            }
        }
        Candidate second = second(distinct, best);
        if (second != null && second.score().p() >= PLAUSIBLE && best.score().w() - second.score().w() < MARGIN) {
            return new Detection(Encoding.AMBIGUOUS, confidence(best, second), nfc(latin),
                best.encoding() + " and " + second.encoding() + " are about equally plausible (" + scores + ")");
        }
        double conf = confidence(best, second);
        if (conf < MIN_CONFIDENCE) {
            return new Detection(Encoding.AMBIGUOUS, conf, nfc(latin),
                "too short to tell: best reading " + best.encoding() + " rests on too few words (" + scores + ")");
        }
        return new Detection(best.encoding(), conf, best.output(), "reads as " + best.encoding() + " (" + scores + ")");
    }

    /** Scoring looks at most at this many characters; the whole text is converted. */
    static final int SAMPLE_CHARS = 64 * 1024;

    private static String sample(String s) {
        if (s.length() <= SAMPLE_CHARS) return s;
        int cut = SAMPLE_CHARS;
        while (cut > SAMPLE_CHARS / 2 && !Character.isWhitespace(s.charAt(cut))) cut--;
        return s.substring(0, cut);
    }

    private static Candidate candidate(Encoding e, String output, String scoring, int pref) {
        return new Candidate(e, output, score(scoring), pref);
    }

    private static Candidate second(List<Candidate> sorted, Candidate not) {
        for (Candidate c : sorted) if (c != not) return c;
        return null;
    }

    /**
     * likelihood × evidence × separation: more valid words and a weaker runner-up make it surer.
     * One common word alone and no rival gives 0.7; two words with a rare-syllable rival about 0.6.
     */
    private static double confidence(Candidate best, Candidate second) {
        double evidence = 1 - Math.pow(0.3, best.score().valid());
        double rival = second == null || best.score().w() == 0 ? 0 : Math.min(1, second.score().w() / best.score().w());
        return round(best.score().w() * evidence * (1 - 0.5 * rival));
    }

    private static double round(double d) { return Math.round(d * 1000) / 1000.0; }

    private static String describe(List<Candidate> cs) {
        StringBuilder sb = new StringBuilder();
        for (Candidate c : cs) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(c.encoding() == Encoding.UNICODE ? "as is" : c.encoding().name())
              .append(' ').append(c.score().valid()).append('/').append(c.score().marked());
        }
        return sb.append(" Vietnamese words").toString();
    }

    // ------------------------------------------------------------------ scoring

    /** Weight of a well-formed syllable that is not among the {@link CommonSyllables}. */
    static final double RARE_WEIGHT = 0.7;

    /**
     * Among the words with non-ASCII letters ({@code marked}), how many are Vietnamese syllables
     * ({@code valid}), and their sum of weights ({@code weight}: 1 for a common syllable or an
     * abbreviation with Đ, {@value #RARE_WEIGHT} for a rare one).
     */
    record Score(int marked, int valid, double weight) {
        /** Plausibility: share of real syllables. */
        double p() { return marked == 0 ? 0 : (double) valid / marked; }
        /** Likelihood: share weighted by how common the syllables are; ranks the readings. */
        double w() { return marked == 0 ? 0 : weight / marked; }
    }

    static Score score(String converted) {
        int marked = 0, valid = 0;
        double weight = 0;
        String text = markStraySymbols(converted);
        for (int[] span : spans(text, false)) {
            String w = text.substring(span[0], span[1]);
            if (!hasNonAscii(w)) continue;
            // glued to a digit ("£10", "¥500"): not a word, no evidence either way
            if ((span[0] > 0 && Character.isDigit(text.charAt(span[0] - 1)))
                || (span[1] < text.length() && Character.isDigit(text.charAt(span[1])))) continue;
            marked++;
            if (VietnameseSyllable.isAbbreviationWithD(w)) { valid++; weight += 1; }
            else if (VietnameseSyllable.isSyllable(w)) { valid++; weight += CommonSyllables.contains(w) ? 1 : RARE_WEIGHT; }
        }
        return new Score(marked, valid, weight);
    }

    /**
     * A Latin-1 symbol (¸ × ¾ © …) touching a letter is a letter the reading failed to map: it is
     * replaced by {@link VietnameseSyllable#UNMAPPED} so that its word counts as implausible. In the
     * right reading such symbols are letters ("c¸c" in TCVN3 is "các").
     */
    static String markStraySymbols(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0xA1 || c > 0xFF || Character.isLetter(c)) continue;
            boolean touches = (i > 0 && isLetterOrMark(s.charAt(i - 1))) || (i + 1 < s.length() && isLetterOrMark(s.charAt(i + 1)));
            if (!touches) continue;
            if (sb == null) sb = new StringBuilder(s);
            sb.setCharAt(i, VietnameseSyllable.UNMAPPED);
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean isLetterOrMark(char c) {
        return Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean plausibleWord(String w) {
        return VietnameseSyllable.isSyllable(w) || VietnameseSyllable.isAbbreviationWithD(w);
    }

    /**
     * Words of a text: runs of letters and combining marks; with {@code latinToo}, Latin-1 symbols
     * 0xA1–0xFF count as word characters as well, because in TCVN3 they are letters ("c¸c").
     */
    private static List<String> words(String s, boolean latinToo) {
        List<String> out = new ArrayList<>();
        for (int[] span : spans(s, latinToo)) out.add(s.substring(span[0], span[1]));
        return out;
    }

    private static List<int[]> spans(String s, boolean latinToo) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (!wordChar(s.charAt(i), latinToo)) { i++; continue; }
            int from = i;
            while (i < s.length() && wordChar(s.charAt(i), latinToo)) i++;
            out.add(new int[] {from, i});
        }
        return out;
    }

    private static boolean wordChar(char c, boolean latinToo) {
        if (Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK) return true;
        return latinToo && c >= 0xA1 && c <= 0xFF;
    }

    private static boolean hasNonAscii(String w) {
        for (int i = 0; i < w.length(); i++) if (w.charAt(i) >= 0x80) return true;
        return false;
    }

    /** Letters found in Unicode Vietnamese but in none of the 8-bit readings (nor in Windows-1252). */
    static boolean isVietnameseOnly(char c) {
        return c == 'Ă' || c == 'ă' || c == 'Đ' || c == 'đ' || c == 'Ĩ' || c == 'ĩ' || c == 'Ũ' || c == 'ũ'
            || c == 'Ơ' || c == 'ơ' || c == 'Ư' || c == 'ư'
            || (c >= '\u1EA0' && c <= '\u1EF9')          // Latin Extended Additional: ạ ả ấ … ỹ
            || (c >= '\u0300' && c <= '\u036F');         // combining marks (NFD, or CP1258 decoded)
    }

    // ------------------------------------------------------------------ helpers

    static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }

    private static String strictUtf8(byte[] b, int offset) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, offset, b.length - offset))
                .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
