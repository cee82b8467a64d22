package vn.lienthong.encoding;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.encoding.VietnameseText.Detection;
import vn.lienthong.encoding.VietnameseText.Encoding;

/** Detection and conversion on words and phrases of official documents, in every encoding (R12). */
class VietnameseTextTest {

    /** Words and phrases from official documents (thể thức văn bản, names of bodies and places). */
    static final List<String> PHRASES = List.of(
        "Ủy ban nhân dân tỉnh Nghệ An",
        "Quyết định",
        "Công văn",
        "Sở Thông tin và Truyền thông",
        "về việc",
        "Thủ tướng Chính phủ",
        "hỏa tốc",
        "thượng khẩn",
        "Đắk Lắk",
        "Bắc Giang",
        "nghị định",
        "thông tư",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Bộ Nội vụ",
        "Văn phòng Chính phủ",
        "Hội đồng nhân dân",
        "Thành phố Hồ Chí Minh",
        "Đà Nẵng",
        "Thừa Thiên Huế",
        "Kính gửi",
        "Nơi nhận",
        "Chủ tịch",
        "Giám đốc Sở Tài chính",
        "Sở Kế hoạch và Đầu tư",
        "Báo cáo",
        "Tờ trình",
        "Thông báo",
        "Giấy mời",
        "Chỉ thị",
        "Nghị quyết",
        "ngày 15 tháng 8 năm 2024",
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Bà Rịa - Vũng Tàu",
        "Quảng Ngãi",
        "Thanh Hóa",
        "độ khẩn",
        "văn bản điện tử",
        "chữ ký số",
        "Trần Thị Bích Ngọc",
        "Số: 12/QĐ-UBND",
        "Phó Chủ tịch Thường trực",
        "Phường Hưng Dũng, thành phố Vinh",
        "Lưu: VT, Văn phòng",
        "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");

    static Stream<String> phrases() { return PHRASES.stream(); }

    /**
     * What TCVN3 can hold of a text: in a word that is not all capitals, a toned capital (Ủ, Ấ …)
     * has no code and comes back lowercase; Ă Â Ê Ô Ơ Ư Đ and all-capital words come back as they were.
     */
    static String tcvn3Representable(String s) {
        StringBuilder out = new StringBuilder();
        for (String w : s.split("(?<=\\s)|(?=\\s)")) {
            boolean allCaps = w.equals(w.toUpperCase(Locale.ROOT)) && w.chars().filter(Character::isLetter).count() > 1;
            StringBuilder nw = new StringBuilder();
            for (char c : w.toCharArray()) {
                boolean tonedCapital = Character.isUpperCase(c) && c >= 0x80 && "ĂÂÊÔƠƯĐ".indexOf(c) < 0;
                nw.append(tonedCapital && !allCaps ? Character.toLowerCase(c) : c);
            }
            out.append(nw);
        }
        return out.toString();
    }

    @Test
    void tableHasAtLeastThirtyEntries() {
        assertTrue(PHRASES.size() >= 30);
    }

    // ---------------------------------------------------------------- TCVN3

    @ParameterizedTest
    @MethodSource("phrases")
    void tcvn3RoundTripsAndIsDetected(String phrase) {
        byte[] bytes = Tcvn3.encode(phrase);
        String expected = tcvn3Representable(phrase);
        assertEquals(expected, Tcvn3.decode(bytes, Tcvn3.Case.AUTO), "round trip");

        Detection d = VietnameseText.detect(bytes);
        assertEquals(Encoding.TCVN3, d.encoding(), d.detail());
        assertEquals(expected, d.unicodeNfc());
        assertTrue(d.confidence() >= VietnameseText.MIN_CONFIDENCE, d.toString());
        assertTrue(d.isConverted());

        // the same bytes after a 1252/Latin-1 decoding somewhere upstream
        Detection s = VietnameseText.detect(new String(bytes, StandardCharsets.ISO_8859_1));
        assertEquals(Encoding.TCVN3, s.encoding(), s.detail());
        assertEquals(expected, s.unicodeNfc());
    }

    // ---------------------------------------------------------------- VNI

    @ParameterizedTest
    @MethodSource("phrases")
    void vniRoundTripsAndIsDetected(String phrase) {
        byte[] bytes = Vni.encode(phrase);
        assertEquals(phrase, Vni.decode(bytes), "round trip");

        Detection d = VietnameseText.detect(bytes);
        assertEquals(Encoding.VNI, d.encoding(), d.detail());
        assertEquals(phrase, d.unicodeNfc());
        assertTrue(d.confidence() >= VietnameseText.MIN_CONFIDENCE, d.toString());

        Detection s = VietnameseText.detect(new String(bytes, StandardCharsets.ISO_8859_1));
        assertEquals(Encoding.VNI, s.encoding(), s.detail());
        assertEquals(phrase, s.unicodeNfc());
    }

    // ---------------------------------------------------------------- Unicode, NFD, CP1258

    @ParameterizedTest
    @MethodSource("phrases")
    void unicodeIsLeftAlone(String phrase) {
        Detection d = VietnameseText.detect(phrase.getBytes(StandardCharsets.UTF_8));
        assertEquals(Encoding.UNICODE, d.encoding(), d.detail());
        assertEquals(phrase, d.unicodeNfc());
        assertFalse(d.isConverted());
        Detection s = VietnameseText.detect(phrase);
        assertEquals(Encoding.UNICODE, s.encoding(), s.detail());
        assertEquals(phrase, s.unicodeNfc());
    }

    @ParameterizedTest
    @MethodSource("phrases")
    void decomposedUnicodeIsComposed(String phrase) {
        String nfd = Normalizer.normalize(phrase, Normalizer.Form.NFD);
        Detection d = VietnameseText.detect(nfd.getBytes(StandardCharsets.UTF_8));
        assertEquals(Encoding.UNICODE, d.encoding());
        assertEquals(phrase, d.unicodeNfc());
        assertTrue(Normalizer.isNormalized(d.unicodeNfc(), Normalizer.Form.NFC));
        assertEquals(phrase, VietnameseText.detect(nfd).unicodeNfc());
    }

    @ParameterizedTest
    @MethodSource("phrases")
    void cp1258IsDetectedAndComposed(String phrase) {
        byte[] bytes = cp1258(phrase);
        Detection d = VietnameseText.detect(bytes);
        if (isPlainLatin1(phrase)) {
            // no byte differs from Latin-1: any 8-bit reading gives the same text, which is what matters
            assertEquals(phrase, d.unicodeNfc(), d.toString());
            return;
        }
        assertEquals(Encoding.CP1258, d.encoding(), d.detail());
        assertEquals(phrase, d.unicodeNfc());
    }

    /** Unicode → CP1258 the way Windows writes it: precomposed where 1258 has the letter, else base + combining tone. */
    static byte[] cp1258(String s) {
        java.nio.charset.Charset cs = java.nio.charset.Charset.forName("windows-1258");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (char c : s.toCharArray()) {
            String one = String.valueOf(c);
            if (cs.newEncoder().canEncode(c)) { out.writeBytes(one.getBytes(cs)); continue; }
            // split off the tone mark; the rest (e.g. ê, ơ, ă) is a CP1258 letter
            String d = Normalizer.normalize(one, Normalizer.Form.NFD);
            String tone = d.replaceAll("[^\u0300\u0301\u0303\u0309\u0323]", "");
            String base = Normalizer.normalize(d.replaceAll("[\u0300\u0301\u0303\u0309\u0323]", ""), Normalizer.Form.NFC);
            out.writeBytes(base.getBytes(cs));
            out.writeBytes(tone.getBytes(cs));
        }
        return out.toByteArray();
    }

    static boolean isPlainLatin1(String s) {
        for (char c : s.toCharArray()) if (c > 0xFF || "ÃÌÐÒÕÝÞãìðòõýþ".indexOf(c) >= 0) return false;
        byte[] b = cp1258(s);
        return new String(b, StandardCharsets.ISO_8859_1).equals(s);
    }

    // ---------------------------------------------------------------- other verdicts

    @ParameterizedTest
    @ValueSource(strings = {"Cong van so 12/UBND-VP", "Uy ban nhan dan tinh Nghe An", "CONG HOA XA HOI CHU NGHIA VIET NAM", "2024-08-15"})
    void plainAsciiIsAscii(String s) {
        Detection d = VietnameseText.detect(s.getBytes(StandardCharsets.US_ASCII));
        assertEquals(Encoding.ASCII, d.encoding());
        assertEquals(s, d.unicodeNfc());
        assertEquals(Encoding.ASCII, VietnameseText.detect(s).encoding());
    }

    @Test
    void veryShortTextThatTwoEncodingsReadIsAmbiguous() {
        // "ñi" is "đi" in VNI and "ủi" in TCVN3
        Detection d = VietnameseText.detect(new byte[] {(byte) 0xF1, 'i'});
        assertEquals(Encoding.AMBIGUOUS, d.encoding(), d.detail());
        assertTrue(d.mustRefuse());
        assertEquals("ñi", d.unicodeNfc(), "returned unconverted");
        assertEquals(Encoding.AMBIGUOUS, VietnameseText.detect("ñi").encoding());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Café crème à la française", "Le député a présenté un rapport très détaillé", "Grüße aus München", "señor García"})
    void latinTextInOtherLanguagesIsNeverConverted(String s) {
        Detection bytes = VietnameseText.detect(s.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Encoding.UNKNOWN, bytes.encoding(), bytes.detail());
        assertEquals(s, bytes.unicodeNfc(), "unconverted");
        assertFalse(bytes.mustRefuse());

        Detection text = VietnameseText.detect(s);
        assertEquals(Encoding.UNKNOWN, text.encoding(), text.detail());
        assertEquals(s, text.unicodeNfc());

        Detection utf8 = VietnameseText.detect(s.getBytes(StandardCharsets.UTF_8));
        assertEquals(Encoding.UNICODE, utf8.encoding(), utf8.detail());
        assertEquals(s, utf8.unicodeNfc());
    }

    @Test
    void unicodeWithLegacyWordsMixedInIsRefused() {
        Detection d = VietnameseText.detect("Ủy ban nhân dân tØnh NghÖ An về việc c¸c dù ¸n");
        assertEquals(Encoding.AMBIGUOUS, d.encoding(), d.detail());
        assertTrue(d.detail().contains("mixed"));
    }

    @Test
    void textDamagedByAWrongDecodingIsRefused() {
        // TCVN3 bytes decoded as UTF-8 with replacement: the letters are gone
        String damaged = new String(Tcvn3.encode("Quyết định về việc"), StandardCharsets.UTF_8);
        assertTrue(damaged.contains("\uFFFD"));
        Detection d = VietnameseText.detect(damaged);
        assertEquals(Encoding.AMBIGUOUS, d.encoding());
        assertTrue(d.mustRefuse());
    }

    @Test
    void legacyTextReEncodedAsUtf8IsStillRecognised() {
        // TCVN3 bytes read as 1252 and saved as UTF-8 ("mojibake"): valid UTF-8, but TCVN3 inside
        String mojibake = Tcvn3.encodeAsLatin("Quyết định về việc thành lập Hội đồng");
        Detection d = VietnameseText.detect(mojibake.getBytes(StandardCharsets.UTF_8));
        assertEquals(Encoding.TCVN3, d.encoding(), d.detail());
        assertEquals("Quyết định về việc thành lập Hội đồng", d.unicodeNfc());
        String vni = Vni.encodeAsLatin("Quyết định về việc thành lập Hội đồng");
        assertEquals(Encoding.VNI, VietnameseText.detect(vni.getBytes(StandardCharsets.UTF_8)).encoding());
    }

    @Test
    void shortUnicodeThatLooksLikeLatinStaysUnicode() {
        // only Latin-1 letters, and "Tôi có" also reads as VNI "Tơi cĩ": proper Unicode is preferred
        for (String s : List.of("Tôi có", "Cà Mau", "Tây Ninh", "Bà là")) {
            Detection d = VietnameseText.detect(s);
            assertEquals(Encoding.UNICODE, d.encoding(), s + ": " + d.detail());
            assertEquals(s, d.unicodeNfc());
            assertEquals(Encoding.UNICODE, VietnameseText.detect(s.getBytes(StandardCharsets.UTF_8)).encoding());
        }
    }

    @Test
    void wholeDocumentDecidesForItsShortFields() {
        List<String> fields = List.of("Huế", "Sở Tư pháp", "Quyết định về việc ban hành quy chế làm việc", "Số: 45/QĐ-STP");
        List<String> tcvn3 = fields.stream().map(Tcvn3::encodeAsLatin).toList();
        Detection whole = VietnameseText.detect(String.join("\n", tcvn3));
        assertEquals(Encoding.TCVN3, whole.encoding(), whole.detail());
        for (int i = 0; i < fields.size(); i++) {
            assertEquals(fields.get(i), VietnameseText.convert(tcvn3.get(i), whole.encoding()));
        }
    }

    @Test
    void longerLegacyTextIsSure() {
        String text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
            + "Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,\n"
            + "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế quản lý, vận hành trục liên thông văn bản của tỉnh.";
        Detection t = VietnameseText.detect(Tcvn3.encode(text));
        assertEquals(Encoding.TCVN3, t.encoding(), t.detail());
        assertEquals(text, t.unicodeNfc());
        assertTrue(t.confidence() > 0.9, t.toString());
        Detection v = VietnameseText.detect(Vni.encode(text));
        assertEquals(Encoding.VNI, v.encoding(), v.detail());
        assertEquals(text, v.unicodeNfc());
        assertTrue(v.confidence() > 0.9, v.toString());
    }

    @Test
    void symbolsAndCurrencyAreNotReadAsTcvn3Capitals() {
        // £ and ¥ are Ê and Ơ in TCVN3: glued to digits they are no evidence
        String s = "Temperature 25°C ± 2°, price £10, ¥500, §3 ¶2";
        Detection d = VietnameseText.detect(s.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(s, d.unicodeNfc(), d.toString());
        assertFalse(d.encoding() == Encoding.TCVN3 || d.encoding() == Encoding.VNI, d.toString());
        assertEquals("price £10, ¥500", VietnameseText.detect("price £10, ¥500").unicodeNfc());
    }

    @Test
    void largeTextIsJudgedOnASampleAndConvertedWhole() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 3 * VietnameseText.SAMPLE_CHARS) sb.append("Độc lập - Tự do - Hạnh phúc. Quyết định về việc thành lập Hội đồng thẩm định.\n");
        String text = sb.toString();
        Detection d = VietnameseText.detect(Vni.encode(text));
        assertEquals(Encoding.VNI, d.encoding());
        assertEquals(text, d.unicodeNfc());
    }

    @Test
    void byteOrderMarksAndEmptyInput() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "Việt Nam".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(body, 0, withBom, 3, body.length);
        Detection d = VietnameseText.detect(withBom);
        assertEquals(Encoding.UNICODE, d.encoding());
        assertEquals("Việt Nam", d.unicodeNfc());
        assertEquals("Việt Nam", VietnameseText.detect("Việt Nam".getBytes(StandardCharsets.UTF_16)).unicodeNfc());
        assertEquals(Encoding.ASCII, VietnameseText.detect(new byte[0]).encoding());
        assertEquals(Encoding.ASCII, VietnameseText.detect("").encoding());
        assertThrows(IllegalArgumentException.class, () -> VietnameseText.detect((byte[]) null));
        assertThrows(IllegalArgumentException.class, () -> VietnameseText.convert("x", Encoding.AMBIGUOUS));
    }
}
