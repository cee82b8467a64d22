package vn.lienthong.edxml.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.edxml.attachment.Fixtures.entries;
import static vn.lienthong.edxml.attachment.Fixtures.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.edxml.attachment.ContentSniffer.Sniff;

class ContentSnifferTest {

    @TempDir
    Path tmp;

    @Test
    void pdfWithVersion() throws Exception {
        Path f = Fixtures.write(tmp.resolve("a.bin"), Fixtures.pdf("1.7"));
        Sniff s = ContentSniffer.sniff(f, "whatever.txt");
        assertEquals(FileKind.PDF, s.kind());
        assertEquals("1.7", s.pdfVersion());
        assertEquals(17, s.pdfVersionNumber());
        assertEquals(FileKind.PDF, ContentSniffer.detect(f));
    }

    @Test
    void pdfVersionTwo() throws Exception {
        Sniff s = ContentSniffer.sniff(Fixtures.write(tmp.resolve("a.pdf"), Fixtures.pdf("2.0")), null);
        assertEquals("2.0", s.pdfVersion());
        assertEquals(20, s.pdfVersionNumber());
    }

    @Test
    void pdfHeaderAfterJunkWithin1024Bytes() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(utf8("junk from a mail gateway\r\n".repeat(30)));
        b.write(Fixtures.pdf("1.5"));
        Sniff s = ContentSniffer.sniff(Fixtures.write(tmp.resolve("j.pdf"), b.toByteArray()), "j.pdf");
        assertEquals(FileKind.PDF, s.kind());
        assertEquals("1.5", s.pdfVersion());
    }

    @Test
    void pdfHeaderBeyond1024BytesIsNotAPdf() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[2000]);
        b.write(Fixtures.pdf("1.5"));
        assertEquals(FileKind.UNKNOWN, ContentSniffer.detect(Fixtures.write(tmp.resolve("j.pdf"), b.toByteArray())));
    }

    @Test
    void executableWithPdfHeaderInsideIsNotAPdf() throws Exception {
        byte[] exe = Fixtures.exe();
        byte[] pdf = utf8("%PDF-1.7\n");
        System.arraycopy(pdf, 0, exe, 200, pdf.length);
        Sniff s = ContentSniffer.sniff(Fixtures.write(tmp.resolve("x.pdf"), exe), "x.pdf");
        assertEquals(FileKind.UNKNOWN, s.kind());
        assertEquals("Windows executable", s.note());
    }

    @Test
    void ole2ByExtension() throws Exception {
        Path f = Fixtures.write(tmp.resolve("f"), Fixtures.ole2());
        assertEquals(FileKind.DOC, ContentSniffer.detect(f, "Công văn.doc"));
        assertEquals(FileKind.DOC, ContentSniffer.detect(f, "CONG VAN.DOC"));
        assertEquals(FileKind.XLS, ContentSniffer.detect(f, "bang.xls"));
        assertEquals(FileKind.OLE2_OTHER, ContentSniffer.detect(f, "slides.ppt"));
        assertEquals(FileKind.OLE2_OTHER, ContentSniffer.detect(f, "setup.msi"));
        assertEquals(FileKind.OLE2_OTHER, ContentSniffer.detect(f));
    }

    @Test
    void officeOpenXml() throws Exception {
        assertEquals(FileKind.DOCX, ContentSniffer.detect(Fixtures.docx(tmp.resolve("a.docx"))));
        assertEquals(FileKind.XLSX, ContentSniffer.detect(Fixtures.xlsx(tmp.resolve("a.xlsx"))));
        assertEquals(FileKind.OOXML_OTHER, ContentSniffer.detect(Fixtures.pptx(tmp.resolve("a.pptx"))));
        Path macro = Fixtures.zip(tmp.resolve("m.docm"), entries(
                "[Content_Types].xml", "<Types/>", "word/document.xml", "<d/>", "word/vbaProject.bin", new byte[]{1, 2}));
        Sniff s = ContentSniffer.sniff(macro, "m.docx");
        assertEquals(FileKind.OOXML_OTHER, s.kind());
        assertEquals("contains macros", s.note());
    }

    @Test
    void openDocument() throws Exception {
        assertEquals(FileKind.ODT, ContentSniffer.detect(Fixtures.odf(tmp.resolve("a.odt"), "application/vnd.oasis.opendocument.text")));
        assertEquals(FileKind.ODS, ContentSniffer.detect(Fixtures.odf(tmp.resolve("a.ods"), "application/vnd.oasis.opendocument.spreadsheet")));
        assertEquals(FileKind.ODP, ContentSniffer.detect(Fixtures.odf(tmp.resolve("a.odp"), "application/vnd.oasis.opendocument.presentation")));
        assertEquals(FileKind.ODF_OTHER, ContentSniffer.detect(Fixtures.odf(tmp.resolve("a.odg"), "application/vnd.oasis.opendocument.graphics")));
    }

    @Test
    void plainZipIsAContainer() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("a.zip"), entries("a.txt", "hello", "b.pdf", Fixtures.pdf("1.4")));
        assertEquals(FileKind.ZIP, ContentSniffer.detect(z, "a.pdf"));
    }

    @Test
    void vietnameseUtf8Text() throws Exception {
        Path f = Fixtures.write(tmp.resolve("t.txt"),
                utf8("Kính gửi: Ủy ban nhân dân tỉnh\r\nV/v triển khai Quyết định số 12/QĐ-UBND\n\tTrân trọng."));
        assertEquals(FileKind.TXT, ContentSniffer.detect(f));
    }

    @Test
    void xmlIsText() throws Exception {
        Path f = Fixtures.write(tmp.resolve("x.edxml"), utf8("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><edXML>Hà Nội</edXML>"));
        assertEquals(FileKind.TXT, ContentSniffer.detect(f));
    }

    @Test
    void textStartingWithMzIsStillText() throws Exception {
        assertEquals(FileKind.TXT, ContentSniffer.detect(Fixtures.write(tmp.resolve("m.txt"), utf8("MZ là viết tắt của ..."))));
    }

    @Test
    void legacyVietnameseEncodingIsNotText() throws Exception {
        // "Hà Nội" in TCVN3 (ABC): single high bytes, not UTF-8
        byte[] tcvn3 = {'H', (byte) 0xB5, ' ', 'N', (byte) 0xE9, 'i', '\r', '\n'};
        Sniff s = ContentSniffer.sniff(Fixtures.write(tmp.resolve("l.txt"), tcvn3), "l.txt");
        assertEquals(FileKind.UNKNOWN, s.kind());
        assertTrue(s.note().contains("TCVN3"), s.note());
    }

    @Test
    void utf16IsRefusedWithAReason() throws Exception {
        byte[] b = "\uFEFFHà Nội".getBytes(StandardCharsets.UTF_16LE);
        Sniff s = ContentSniffer.sniff(Fixtures.write(tmp.resolve("u.txt"), b), "u.txt");
        assertEquals(FileKind.UNKNOWN, s.kind());
        assertTrue(s.note().contains("UTF-16"));
    }

    @Test
    void binaryHiddenAfterTheFirst64KbIsNotText() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(utf8("dòng văn bản\n".repeat(8000)));
        b.write(Fixtures.exe());
        assertEquals(FileKind.UNKNOWN, ContentSniffer.detect(Fixtures.write(tmp.resolve("p.txt"), b.toByteArray())));
    }

    @Test
    void longTextIsText() throws Exception {
        assertEquals(FileKind.TXT, ContentSniffer.detect(Fixtures.write(tmp.resolve("l.txt"), utf8("Việt Nam\n".repeat(20000)))));
    }

    @Test
    void executablesImagesAndRtfAreUnknown() throws Exception {
        assertEquals(FileKind.UNKNOWN, ContentSniffer.detect(Fixtures.write(tmp.resolve("a.exe"), Fixtures.exe())));
        assertEquals(FileKind.UNKNOWN, ContentSniffer.detect(Fixtures.write(tmp.resolve("a.png"),
                new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13})));
        Sniff rtf = ContentSniffer.sniff(Fixtures.write(tmp.resolve("a.rtf"), utf8("{\\rtf1\\ansi Hello}")), "a.txt");
        assertEquals(FileKind.UNKNOWN, rtf.kind());
        assertTrue(rtf.note().startsWith("RTF"));
    }

    @Test
    void emptyFileIsUnknown() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.txt"));
        Sniff s = ContentSniffer.sniff(f, "empty.txt");
        assertEquals(FileKind.UNKNOWN, s.kind());
        assertNull(s.pdfVersion());
    }

    @Test
    void truncatedUtf8AtEndOfFileIsNotText() throws Exception {
        byte[] b = utf8("Hà Nộ");
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
        assertEquals(FileKind.UNKNOWN, ContentSniffer.detect(Fixtures.write(tmp.resolve("c.txt"), cut)));
    }
}
