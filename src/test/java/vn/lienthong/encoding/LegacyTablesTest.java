package vn.lienthong.encoding;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TCVN3, VNI and CP1258 tables, anchored to byte sequences seen in real documents and checked
 * for completeness over the whole Vietnamese alphabet.
 */
class LegacyTablesTest {

    static byte[] latin(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    // ---------------------------------------------------------------- real-world anchors

    /** As a 1252 reader shows .VnTime text; soft hyphen U+00AD (0xAD) is ư. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        ViÖt Nam                            | Việt Nam
        Quèc héi                            | Quốc hội
        Céng hßa x· héi chñ nghÜa ViÖt Nam  | Cộng hòa xã hội chủ nghĩa Việt Nam
        §éc lËp - Tù do - H¹nh phóc         | Độc lập - Tự do - Hạnh phúc
        Uû ban nh©n d©n tØnh NghÖ An        | Uỷ ban nhân dân tỉnh Nghệ An
        QuyÕt ®Þnh                          | Quyết định
        C«ng v¨n                            | Công văn
        Thñ t\u00ADíng ChÝnh phñ                 | Thủ tướng Chính phủ
        §¾k L¾k                             | Đắk Lắk
        n¬i nhËn                            | nơi nhận
        """)
    void tcvn3Anchors(String tcvn3, String unicode) {
        tcvn3 = tcvn3.replace("\\u00AD", "\u00AD");
        assertEquals(unicode, Tcvn3.decode(tcvn3, Tcvn3.Case.AUTO));
        assertEquals(unicode, Tcvn3.decode(latin(tcvn3), Tcvn3.Case.AUTO));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        Việt Nam  | ViÖt Nam
        Quốc hội  | Quèc héi
        Cộng hòa  | Céng hßa
        Độc lập   | §éc lËp
        thượng khẩn | th\u00ADîng khÈn
        """)
    void tcvn3Encoder(String unicode, String tcvn3) {
        assertEquals(tcvn3.replace("\\u00AD", "\u00AD"), Tcvn3.encodeAsLatin(unicode));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        Vieät Nam                                  | Việt Nam
        Quoác hoäi                                 | Quốc hội
        Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam    | Cộng hòa xã hội chủ nghĩa Việt Nam
        Ñoäc laäp - Töï do - Haïnh phuùc           | Độc lập - Tự do - Hạnh phúc
        ñöôïc giao nhieäm vuï, ngöôøi khai, ñaêng kyù | được giao nhiệm vụ, người khai, đăng ký
        Thuû töôùng Chính phuû                     | Thủ tướng Chính phủ
        Quyeát ñònh                                | Quyết định
        UÛY BAN NHAÂN DAÂN                         | ỦY BAN NHÂN DÂN
        Ñaék Laék                                  | Đắk Lắk
        """)
    void vniAnchors(String vni, String unicode) {
        assertEquals(unicode, Vni.decode(vni));
        assertEquals(unicode, Vni.decode(latin(vni)));
        assertEquals(vni, Vni.encodeAsLatin(unicode));
    }

    @Test
    void cp1258Anchors() {
        // "Việt Nam": V i ê + combining dot below (0xF2) t
        byte[] viet = {'V', 'i', (byte) 0xEA, (byte) 0xF2, 't', ' ', 'N', 'a', 'm'};
        assertEquals("Việt Nam", Cp1258.decode(viet));
        // "Quốc hội": ô + combining acute (0xEC); ô + dot below (0xF2); "Đà Nẵng": Đ = 0xD0, ă = 0xE3 + tilde 0xDE
        byte[] quoc = {'Q', 'u', (byte) 0xF4, (byte) 0xEC, 'c', ' ', 'h', (byte) 0xF4, (byte) 0xF2, 'i'};
        assertEquals("Quốc hội", Cp1258.decode(quoc));
        byte[] daNang = {(byte) 0xD0, (byte) 0xE0, ' ', 'N', (byte) 0xE3, (byte) 0xDE, 'n', 'g'};
        assertEquals("Đà Nẵng", Cp1258.decode(daNang));
        assertEquals("Việt Nam", Cp1258.decode(new String(viet, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void cp1258AgreesWithTheJdkCharset() {
        if (!Charset.isSupported("windows-1258")) return;
        Charset jdk = Charset.forName("windows-1258");
        for (int b = 0; b < 256; b++) {
            String ours = Cp1258.decode(new byte[] {(byte) b});
            String theirs = Normalizer.normalize(new String(new byte[] {(byte) b}, jdk), Normalizer.Form.NFC);
            if (theirs.equals("\uFFFD")) continue; // unassigned bytes: we keep them as C1 controls
            assertEquals(theirs, ours, "byte " + Integer.toHexString(b));
        }
    }

    // ---------------------------------------------------------------- completeness

    static final String[] BASES = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"};
    static final String[] TONES = {"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"};

    /** The 134 lowercase Vietnamese letters: 12 vowels × 6 tones (incl. none) + đ … minus nothing. */
    static List<String> lowercaseLetters() {
        List<String> out = new ArrayList<>();
        for (String b : BASES) for (String t : TONES) out.add(Normalizer.normalize(b + t, Normalizer.Form.NFC));
        out.add("đ");
        return out;
    }

    @Test
    void tcvn3HoldsEveryLowercaseLetterAndSevenCapitals() {
        assertEquals(74, Tcvn3.tableSize());
        for (String l : lowercaseLetters()) {
            byte[] b = Tcvn3.encode(l);
            assertEquals(1, b.length, l);
            assertEquals(l, Tcvn3.decode(b, Tcvn3.Case.LOWER_FONT), l);
            if (!"aeiouy".contains(l)) assertTrue((b[0] & 0xFF) >= 0xA8, l + " must be a high byte");
        }
        for (String cap : new String[] {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"}) {
            byte[] b = Tcvn3.encode(cap);
            assertTrue((b[0] & 0xFF) >= 0xA1 && (b[0] & 0xFF) <= 0xA7, cap);
            assertEquals(cap, Tcvn3.decode(b, Tcvn3.Case.LOWER_FONT));
        }
        // a toned capital has no code: it gets the lowercase position, as an H font shows it
        assertArrayEquals(Tcvn3.encode("á"), Tcvn3.encode("Á"));
        assertEquals("Á", Tcvn3.decode(Tcvn3.encode("Á"), Tcvn3.Case.UPPER_FONT));
    }

    @Test
    void tcvn3ByteTableIsOneToOne() {
        int letters = 0;
        for (int b = 0; b < 256; b++) {
            char c = Tcvn3.letter(b);
            if (c == 0) continue;
            letters++;
            assertTrue(b >= 0xA1 && b <= 0xFE, "TCVN3 letters sit in 0xA1–0xFE");
            assertEquals(b, Tcvn3.encode(String.valueOf(c))[0] & 0xFF, "byte " + Integer.toHexString(b));
        }
        assertEquals(74, letters);
    }

    @Test
    void vniHoldsEveryLetterInBothCases() {
        for (String l : lowercaseLetters()) {
            for (String x : new String[] {l, l.toUpperCase(Locale.ROOT)}) {
                String vni = Vni.encodeAsLatin(x);
                assertFalse(vni.contains("?"), x);
                assertTrue(vni.length() <= 2, x);
                assertEquals(x, Vni.decode(vni), x + " via " + vni);
            }
        }
    }

    @Test
    void vniUsesAccentBytesAfterTheBaseLetter() {
        assertEquals("aù", Vni.encodeAsLatin("á"));
        assertEquals("AÙ", Vni.encodeAsLatin("Á"));
        assertEquals("ñ", Vni.encodeAsLatin("đ"));
        assertEquals("öï", Vni.encodeAsLatin("ự"));
        assertEquals("ôù", Vni.encodeAsLatin("ớ"));
        assertEquals("aë", Vni.encodeAsLatin("ặ"));
        assertEquals("î", Vni.encodeAsLatin("ỵ"));
        assertEquals("ó", Vni.encodeAsLatin("ĩ"));
        // an accent byte after a consonant is not VNI: left as it is
        assertEquals("bù", Vni.decode("bù"));
    }

    @Test
    void characterOutsideTheTablesBecomesQuestionMark() {
        assertEquals("Stra?e", Tcvn3.encodeAsLatin("Straße"));
        assertEquals("Stra?e", Vni.encodeAsLatin("Straße"));
        assertEquals("“Việt”", Tcvn3.decode(Tcvn3.encodeAsLatin("“Việt”"), Tcvn3.Case.AUTO), "1252 quotes pass through");
    }

    // ---------------------------------------------------------------- capitals in TCVN3

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        ñY BAN NH¢N D¢N TØNH NGHÖ AN       | ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
        Uû ban nh©n d©n                    | Uỷ ban nhân dân
        Uû BAN                             | UỶ BAN
        Sè: 12/Q§-UBND                     | Số: 12/QĐ-UBND
        §Ò nghÞ                            | Đề nghị
        """)
    void tcvn3AutoCase(String tcvn3, String unicode) {
        assertEquals(unicode, Tcvn3.decode(tcvn3, Tcvn3.Case.AUTO));
    }

    @Test
    void tcvn3FontModes() {
        assertEquals("CỘNG HÒA", Tcvn3.decode("céng hßa", Tcvn3.Case.UPPER_FONT));
        assertEquals("CộNG HòA", Tcvn3.decode("CéNG HßA", Tcvn3.Case.LOWER_FONT));
    }

    @Test
    void notFromA1252Decoding() {
        assertThrows(IllegalArgumentException.class, () -> Tcvn3.decode("Việt", Tcvn3.Case.AUTO));
        assertThrows(IllegalArgumentException.class, () -> Vni.decode("Việt"));
    }
}
