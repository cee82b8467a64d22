package vn.lienthong.edxml.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd | passwd",
            "..\\..\\Windows\\System32\\cmd.exe | cmd.exe",
            "/etc/shadow | shadow",
            "C:\\Users\\x\\report.pdf | report.pdf",
            "docs/2024/Báo cáo.docx | Báo cáo.docx",
            ".htaccess | htaccess",
            "...hidden.txt | hidden.txt",
            "name. . . | name",
            "Báo cáo...pdf | Báo cáo.pdf",
            "CON | _CON",
            "con.txt | _con.txt",
            "COM1.pdf | _COM1.pdf",
            "lpt9.doc.zip | _lpt9.doc.zip",
            "NUL .txt | _NUL .txt",
            "CONSOLE.txt | CONSOLE.txt",
            "Quyết định số 12.pdf | Quyết định số 12.pdf",
            "1896_QD-TTg_m_294779.doc | 1896_QD-TTg_m_294779.doc",
    })
    void sanitises(String in, String expected) {
        assertEquals(expected, FileNames.sanitise(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "..", "...", "/", "\\", "../..", "./", "?*<>|", ". . ."})
    void nothingLeftGivesFallback(String in) {
        assertEquals(FileNames.FALLBACK, FileNames.sanitise(in));
    }

    @Test
    void windowsIllegalCharactersAreRemoved() {
        assertEquals("abcdefgh.pdf", FileNames.sanitise("a<b>c:d\"e|f?g*h.pdf"));
        assertEquals("Báo cáo quý 1.docx", FileNames.sanitise("Báo cáo: quý 1?.docx"));
    }

    @Test
    void nullGivesFallback() {
        assertEquals("attachment", FileNames.sanitise(null));
    }

    @Test
    void controlAndBidiCharactersAreRemoved() {
        assertEquals("ab.pdf", FileNames.sanitise("a\u0000b\u001f.pdf"));
        assertEquals("ab.pdf", FileNames.sanitise("a\nb\r.pdf"));
        // right-to-left override used to disguise "evil‮fdp.exe" as "evilexe.pdf"
        assertEquals("evilfdp.exe", FileNames.sanitise("evil\u202Efdp.exe"));
    }

    @Test
    void vietnameseIsNfcNormalisedAndKept() {
        String nfc = "Quyết định số 12.pdf";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertFalse(nfc.equals(nfd), "test needs a decomposed input");
        assertEquals(nfc, FileNames.sanitise(nfd));
        assertEquals(nfc, FileNames.sanitise(nfc));
        assertEquals("Tờ trình về việc phê duyệt dự án.docx",
                FileNames.sanitise("Tờ trình về việc phê duyệt dự án.docx"));
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String s = FileNames.sanitise("a".repeat(300) + ".pdf");
        assertEquals(150, s.length());
        assertTrue(s.endsWith(".pdf"));
        assertTrue(s.startsWith("aaaa"));
    }

    @Test
    void longVietnameseNamesFitTheFileSystem() {
        String s = FileNames.sanitise("Quyết định ".repeat(40) + "kèm theo.docx");
        assertTrue(s.endsWith(".docx"), s);
        assertTrue(s.codePointCount(0, s.length()) <= FileNames.MAX_CHARS);
        assertTrue(s.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_UTF8_BYTES, s);
        assertTrue(s.startsWith("Quyết định"));
        assertFalse(s.contains(" .docx"), "trailing space before the extension is trimmed");
    }

    @Test
    void longExtensionIsNotKeptAtAnyCost() {
        String s = FileNames.sanitise("x." + "y".repeat(400));
        assertTrue(s.length() <= 150);
        assertTrue(s.startsWith("x."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "../../evil.txt", "a/../../b", "..\\x", "/abs", "\\abs", "C:evil", "c:\\x\\y",
            "\\\\server\\share\\f", "%2e%2e/x/../../y", "a/./../../b", "....//....//x", "..", "CON", "\u0000", "a\u0000b"})
    void sanitisedNamesNeverLeaveTheirFolder(String hostile) {
        Path base = Path.of("/srv/unpack").toAbsolutePath();
        String s = FileNames.sanitise(hostile);
        Path p = base.resolve(s).normalize();
        assertEquals(base, p.getParent(), hostile + " -> " + s);
        assertFalse(s.contains("/") || s.contains("\\") || s.contains(".."), s);
        assertFalse(s.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../b", "..\\x", "/etc/passwd", "\\x", "C:\\x", "c:x", "a\nb.txt", "a\u0000.pdf", "", "..", "?*"})
    void hostileNamesAreReported(String name) {
        assertTrue(FileNames.problem(name).isPresent(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.pdf", "docs/a.pdf", "Quyết định số 12.pdf", "Báo cáo: quý 1.docx", "v1..2.txt", "CON.txt"})
    void ordinaryNamesAreNotReported(String name) {
        assertTrue(FileNames.problem(name).isEmpty(), name);
    }

    @Test
    void extension() {
        assertEquals("pdf", FileNames.extension("a/b/Báo cáo.PDF"));
        assertEquals("", FileNames.extension("README"));
        assertEquals("", FileNames.extension(".profile"));
        assertEquals("", FileNames.extension(null));
        assertEquals("gz", FileNames.extension("x.tar.gz"));
    }
}
