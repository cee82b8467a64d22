package vn.lienthong.encoding;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Is a word a well-formed Vietnamese syllable? Used to judge which decoding of a legacy text makes
 * sense: the right decoding yields real syllables ("Việt"), a wrong one yields "Vieọt" or "Cafộ".
 *
 * <p>A syllable is onset + rhyme + at most one tone. Checked: the onset is one of the 27 written
 * onsets; the rhyme (medial, vowel nucleus, final) is in the list of Vietnamese rhymes; a stop final
 * (c, ch, p, t) carries sắc or nặng; spelling rules c/k, g/gh, ng/ngh; letter case is lower, Title or
 * UPPER. Tone placement (hòa/hoà) is not judged. Final "k" (Đắk Lắk, Đăk Glei) is accepted as in
 * the official spelling of Central Highlands place names.
 */
public final class VietnameseSyllable {
    private VietnameseSyllable() {}

    /**
     * Stand-in letter a scoring decoder emits for a byte it does not map, so that the word is
     * judged implausible. U+0294 (ʔ) never occurs in Vietnamese.
     */
    static final char UNMAPPED = '\u0294';

    private static final String[] ONSETS = {
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    };

    /** Rhymes without tone. */
    private static final Set<String> RHYMES = Set.of(
        // a ă â
        "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
        "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
        "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
        // e ê
        "e", "ec", "em", "en", "eng", "eo", "ep", "et",
        "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
        // i iê yê y
        "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu",
        "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
        "yêm", "yên", "yêng", "yêt", "yêu", "y",
        // o ô ơ
        // (the loan rhymes "oong", "ooc" of xoong, soóc are left out on purpose: VNI "thoâng" read
        // as TCVN3 would otherwise give the well-formed "thoõng")
        "o", "oc", "oi", "om", "on", "ong", "op", "ot",
        "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt",
        "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
        // u uô ư ươ
        "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut",
        "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
        "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu",
        "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu",
        // medial o: oa oă oe
        "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
        "oăc", "oăm", "oăn", "oăng", "oăt",
        "oe", "oen", "oeo", "oet",
        // medial u: uâ uê uy uyê uơ
        "uân", "uâng", "uât", "uây",
        "uê", "uêch", "uênh",
        "uy", "uya", "uych", "uyn", "uynh", "uyp", "uyt", "uyu", "uyên", "uyêt",
        "uơ"
    );

    private static final int NONE = 0, SAC = 1, HUYEN = 2, HOI = 3, NGA = 4, NANG = 5;

    /** True when {@code word} (letters only) is one well-formed Vietnamese syllable. */
    public static boolean isSyllable(String word) {
        return key(word) != null;
    }

    /**
     * The syllable without tone, lowercase, followed by its tone (0 none, 1 sắc, 2 huyền, 3 hỏi,
     * 4 ngã, 5 nặng), e.g. "Hòa" and "Hoà" → "hoa2"; null when the word is not a syllable.
     */
    static String key(String word) {
        if (word == null || word.isEmpty() || !caseOk(word)) return null;
        String nfd = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        int tone = NONE;
        StringBuilder bare = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); i++) {
            char c = nfd.charAt(i);
            int t = toneOf(c);
            if (t != NONE) {
                if (tone != NONE || bare.length() == 0 || !isVowelNfd(nfd, i)) return null;
                tone = t;
            } else {
                bare.append(c);
            }
        }
        String s = Normalizer.normalize(bare, Normalizer.Form.NFC);
        for (int i = 0; i < s.length(); i++) if ("abcdđeghiklmnopqrstuvxyăâêôơư".indexOf(s.charAt(i)) < 0) return null;
        for (String onset : ONSETS) {
            if (s.startsWith(onset) && rhymeOk(onset, s.substring(onset.length()), tone)) return s + tone;
        }
        return null;
    }

    /** An abbreviation written with Đ, as on every official document: "QĐ", "NĐ", "HĐND", "ĐT". */
    static boolean isAbbreviationWithD(String word) {
        if (word.length() < 2 || word.length() > 6 || word.indexOf('Đ') < 0) return false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && c != 'Đ') return false;
        }
        return true;
    }

    private static boolean caseOk(String w) {
        boolean restLower = true, restUpper = true;
        for (int i = 1; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isUpperCase(c)) restLower = false;
            if (Character.isLowerCase(c)) restUpper = false;
        }
        return restLower || (restUpper && !Character.isLowerCase(w.charAt(0)));
    }

    private static int toneOf(char c) {
        switch (c) {
            case '\u0301': return SAC;
            case '\u0300': return HUYEN;
            case '\u0309': return HOI;
            case '\u0303': return NGA;
            case '\u0323': return NANG;
            default: return NONE;
        }
    }

    /** Is the tone mark at {@code i} placed on a vowel (skipping the vowel's own marks)? */
    private static boolean isVowelNfd(String nfd, int i) {
        int j = i - 1;
        while (j >= 0 && (nfd.charAt(j) == '\u0302' || nfd.charAt(j) == '\u0306' || nfd.charAt(j) == '\u031B')) j--;
        return j >= 0 && "aeiouy".indexOf(nfd.charAt(j)) >= 0;
    }

    private static boolean rhymeOk(String onset, String rhyme, int tone) {
        if (rhyme.isEmpty()) return false;
        char first = rhyme.charAt(0);
        boolean frontVowel = first == 'e' || first == 'ê' || first == 'i' || first == 'y';
        switch (onset) {
            case "c": if (frontVowel) return false; break;          // ke, kê, ki, ky
            case "gh": case "ngh": if (!(first == 'e' || first == 'ê' || first == 'i')) return false; break;
            case "ng": if (first == 'e' || first == 'ê' || first == 'i') return false; break; // nghe, nghi
            case "g": if (first == 'e' || first == 'ê') return false; break;                    // ghe, ghê
            case "qu": if (first == 'u' || first == 'o') return false; break;
            default: break;
        }
        if (rhyme.startsWith("yê") && !(onset.isEmpty() || onset.equals("qu"))) return false;
        String r = rhyme;
        if (!RHYMES.contains(r)) {
            // "gi" + "ếng" (giếng): the i of "iê" is shared with the onset
            if (onset.equals("gi") && RHYMES.contains("i" + r)) r = "i" + r;
            // final k of Central Highlands names: Đắk, Lắk, Đăk
            else if (r.endsWith("k") && RHYMES.contains(r.substring(0, r.length() - 1) + "c")) return true;
            else return false;
        }
        boolean stop = r.endsWith("c") || r.endsWith("ch") || r.endsWith("p") || r.endsWith("t");
        return !stop || tone == SAC || tone == NANG;
    }
}
