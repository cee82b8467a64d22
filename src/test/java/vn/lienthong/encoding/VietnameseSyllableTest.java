package vn.lienthong.encoding;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The syllable check that decides between readings: real syllables pass, wrong readings fail. */
class VietnameseSyllableTest {

    @ParameterizedTest
    @ValueSource(strings = {"Việt", "quốc", "người", "được", "nghĩa", "giếng", "gì", "khuỷu", "Uỷ", "Ủy", "hòa", "hoà",
        "Đắk", "Lắk", "tỉnh", "QUYẾT", "Nguyễn", "yên", "truyền", "ương", "quyết", "ạ", "ổ"})
    void realSyllables(String w) {
        assertTrue(VietnameseSyllable.isSyllable(w), w);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Vieọt",   // VNI "Vieät" read as TCVN3
        "Cafộ",    // French "Café" read as TCVN3
        "crème", "française", "München",
        "tốt\u0301", "tôt",   // two tones; stop final without sắc/nặng
        "cí", "nge", "ghá",   // spelling: ki, nghe, ga
        "ViỆt",    // case inside a word
        "nghúa", "bʔn"})
    void notSyllables(String w) {
        assertFalse(VietnameseSyllable.isSyllable(w), w);
    }
}
