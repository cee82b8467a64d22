package vn.lienthong.edxml.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.edxml.attachment.Fixtures.entries;
import static vn.lienthong.edxml.attachment.Fixtures.utf8;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.edxml.attachment.AttachmentInspector.Limits;
import vn.lienthong.edxml.attachment.Inspection.ContainedFile;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

class AttachmentInspectorTest {

    @TempDir
    Path tmp;

    private final AttachmentInspector inspector = new AttachmentInspector();

    private Path unpack() {
        return tmp.resolve("unpack");
    }

    private static List<String> codes(Inspection i) {
        return i.problems().stream().map(f -> f.reason().code()).toList();
    }

    private static Finding only(Inspection i, ReasonCode code) {
        List<Finding> f = i.problems().stream().filter(x -> x.reason() == code).toList();
        assertEquals(1, f.size(), () -> "expected one " + code.code() + " in " + i.problems());
        return f.get(0);
    }

    // ------------------------------------------------------------------ single documents

    @Test
    void pdf17IsAccepted() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/qd.pdf"), Fixtures.pdf("1.7"));
        Inspection i = inspector.inspect(f, "Quyết định số 12.pdf", "application/pdf", unpack());
        assertEquals(FileKind.PDF, i.kind());
        assertTrue(i.accepted(), i.problems()::toString);
        assertEquals(List.of(), i.problems());
        assertEquals(List.of(), i.files());
        assertFalse(Files.exists(unpack()), "nothing to unpack for a plain document");
    }

    @Test
    void pdf13IsRefusedE406() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/scan.pdf"), Fixtures.pdf("1.3"));
        Inspection i = inspector.inspect(f, "scan.pdf", "application/pdf", unpack());
        assertEquals(FileKind.PDF, i.kind());
        assertFalse(i.accepted());
        assertEquals(List.of("E406"), codes(i));
        assertTrue(i.problems().get(0).detail().contains("PDF 1.3"));
        assertTrue(i.problems().get(0).detail().contains("scan.pdf"));
    }

    @Test
    void ole2NamedDocIsAccepted() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/cv.doc"), Fixtures.ole2());
        Inspection i = inspector.inspect(f, "Công văn 15.doc", "application/msword", unpack());
        assertEquals(FileKind.DOC, i.kind());
        assertEquals(List.of(), i.problems());
    }

    @Test
    void ole2NamedPptIsRefused() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/s.ppt"), Fixtures.ole2());
        Inspection i = inspector.inspect(f, "slides.ppt", "application/vnd.ms-powerpoint", unpack());
        assertEquals(FileKind.OLE2_OTHER, i.kind());
        assertEquals(List.of("E403"), codes(i));
        assertTrue(i.problems().get(0).detail().contains("slides.ppt"));
    }

    @Test
    void docxShapedZipIsADocxNotAContainer() throws Exception {
        Path f = Fixtures.docx(tmp.resolve("in/a.docx"));
        Inspection i = inspector.inspect(f, "Tờ trình.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", unpack());
        assertEquals(FileKind.DOCX, i.kind());
        assertEquals(List.of(), i.problems());
        assertEquals(List.of(), i.files());
    }

    @Test
    void odtShapedZipIsAccepted() throws Exception {
        Path f = Fixtures.odf(tmp.resolve("in/a.odt"), "application/vnd.oasis.opendocument.text");
        Inspection i = inspector.inspect(f, "Báo cáo.odt", "application/vnd.oasis.opendocument.text", unpack());
        assertEquals(FileKind.ODT, i.kind());
        assertEquals(List.of(), i.problems());
    }

    @Test
    void pptxIsRefused() throws Exception {
        Inspection i = inspector.inspect(Fixtures.pptx(tmp.resolve("in/a.pptx")), "a.pptx", null, unpack());
        assertEquals(FileKind.OOXML_OTHER, i.kind());
        assertEquals(List.of("E403"), codes(i));
    }

    @Test
    void vietnameseUtf8TextIsAccepted() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/t.txt"), utf8("Kính gửi: Sở Thông tin và Truyền thông\nNội dung: họp giao ban.\n"));
        Inspection i = inspector.inspect(f, "Thông báo.txt", "text/plain; charset=UTF-8", unpack());
        assertEquals(FileKind.TXT, i.kind());
        assertEquals(List.of(), i.problems());
    }

    @Test
    void legacyEncodedTextIsRefusedWithAReason() throws Exception {
        byte[] tcvn3 = {'H', (byte) 0xB5, ' ', 'N', (byte) 0xE9, 'i'};
        Inspection i = inspector.inspect(Fixtures.write(tmp.resolve("in/l.txt"), tcvn3), "l.txt", "text/plain", unpack());
        assertEquals(List.of("E403"), codes(i));
        assertTrue(i.problems().get(0).detail().contains("TCVN3"));
    }

    @Test
    void executableIsRefusedE403() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/x.pdf"), Fixtures.exe());
        Inspection i = inspector.inspect(f, "hoa-don.pdf", "application/pdf", unpack());
        assertEquals(FileKind.UNKNOWN, i.kind());
        Finding e = only(i, ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED);
        assertTrue(e.detail().contains("hoa-don.pdf"));
        assertTrue(e.detail().contains("executable"));
        assertFalse(i.accepted());
    }

    @Test
    void emptyFileIsE408() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.pdf"));
        Inspection i = inspector.inspect(f, "empty.pdf", "application/pdf", unpack());
        assertEquals(List.of("E408"), codes(i));
    }

    @Test
    void extensionThatLiesIsAWarningOnly() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/a"), Fixtures.pdf("1.4"));
        Inspection i = inspector.inspect(f, "bao-cao.docx", null, unpack());
        assertEquals(FileKind.PDF, i.kind());
        assertEquals(List.of("W403"), codes(i));
        assertTrue(i.accepted());
    }

    @Test
    void hostileDeclaredNameIsE405() throws Exception {
        Path f = Fixtures.write(tmp.resolve("in/a.pdf"), Fixtures.pdf("1.4"));
        Inspection i = inspector.inspect(f, "../../etc/cron.d/a.pdf", "application/pdf", unpack());
        assertEquals(List.of("E405"), codes(i));
    }

    // ------------------------------------------------------------------ containers

    @Test
    void zipWithPdfAndTextIsAcceptedWithTwoEntries() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/a.zip"), entries(
                "Quyết định số 12.pdf", Fixtures.pdf("1.6"),
                "ghi chú/Đọc trước.txt", "Văn bản kèm theo quyết định."));
        Inspection i = inspector.inspect(z, "Quyết định số 12.pdf", "application/zip", unpack());
        assertEquals(FileKind.ZIP, i.kind());
        assertTrue(i.isContainer());
        assertEquals(List.of(), i.problems());
        assertEquals(2, i.files().size());
        ContainedFile pdf = i.files().get(0);
        assertEquals("Quyết định số 12.pdf", pdf.name());
        assertEquals(FileKind.PDF, pdf.kind());
        assertEquals(Fixtures.pdf("1.6").length, pdf.size());
        assertTrue(Files.isRegularFile(pdf.path()));
        assertEquals(unpack().toAbsolutePath().normalize(), pdf.path().getParent());
        ContainedFile txt = i.files().get(1);
        assertEquals("Đọc trước.txt", txt.name());
        assertEquals("ghi chú/Đọc trước.txt", txt.entryPath());
        assertEquals(FileKind.TXT, txt.kind());
        assertEquals("Văn bản kèm theo quyết định.", Files.readString(txt.path()));
    }

    @Test
    void zipDeclaredAsPdfIsOpenedWithAWarning() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/a.zip"), entries("a.pdf", Fixtures.pdf("1.7")));
        Inspection i = inspector.inspect(z, "a.pdf", "application/pdf", unpack());
        assertEquals(FileKind.ZIP, i.kind());
        assertEquals(List.of("W403"), codes(i));
        assertTrue(i.accepted());
        assertEquals(1, i.files().size());
    }

    @Test
    void zipWithDisallowedEntryNamesTheEntry() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/a.zip"), entries("ok.pdf", Fixtures.pdf("1.7"), "tools/setup.exe", Fixtures.exe(),
                "old.pdf", Fixtures.pdf("1.2"), "empty.txt", new byte[0]));
        Inspection i = inspector.inspect(z, "hoso.doc", "application/zip", unpack());
        assertFalse(i.accepted());
        assertTrue(only(i, ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED).detail().contains("tools/setup.exe"));
        assertTrue(only(i, ReasonCode.ATTACHMENT_PDF_VERSION).detail().contains("old.pdf"));
        assertTrue(only(i, ReasonCode.ATTACHMENT_EMPTY).detail().contains("empty.txt"));
    }

    @Test
    void duplicateNamesInAZipDoNotOverwrite() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/a.zip"), entries("a/x.txt", "one", "b/x.txt", "two"));
        Inspection i = inspector.inspect(z, "x.zip", "application/zip", unpack());
        assertEquals(List.of(), i.problems());
        assertEquals(List.of("x.txt", "x (2).txt"), i.files().stream().map(ContainedFile::name).toList());
        assertEquals("one", Files.readString(i.files().get(0).path()));
        assertEquals("two", Files.readString(i.files().get(1).path()));
    }

    @Test
    void traversalEntriesNeverEscapeUnpackDir() throws Exception {
        Path unpackDir = tmp.resolve("a/b/unpack");
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("../../evil.txt", utf8("pwned"));
        e.put("..\\..\\evil-win.txt", utf8("pwned"));
        e.put("docs/../../../evil-mid.txt", utf8("pwned"));
        e.put(tmp.resolve("evil-abs.txt").toAbsolutePath().toString(), utf8("pwned"));
        e.put("C:\\evil-drive.txt", utf8("pwned"));
        e.put("ok.txt", utf8("fine"));
        Path z = Fixtures.zip(tmp.resolve("in/evil.zip"), e);

        Inspection i = inspector.inspect(z, "evil.zip", "application/zip", unpackDir);

        long e405 = i.problems().stream().filter(f -> f.reason() == ReasonCode.ATTACHMENT_BAD_NAME).count();
        assertEquals(5, e405, i.problems()::toString);
        assertEquals(List.of("ok.txt"), i.files().stream().map(ContainedFile::name).toList());
        Path inside = unpackDir.toAbsolutePath().normalize();
        try (Stream<Path> all = Files.walk(tmp)) {
            List<Path> escaped = all.filter(Files::isRegularFile)
                    .map(p -> p.toAbsolutePath().normalize())
                    .filter(p -> !p.startsWith(inside))
                    .filter(p -> !p.equals(z.toAbsolutePath().normalize()))
                    .toList();
            assertEquals(List.of(), escaped);
        }
        assertFalse(Files.exists(Path.of("/evil-drive.txt")));
    }

    @Test
    void zipBombIsStoppedQuicklyE404() throws Exception {
        Path bomb = Fixtures.zeroBomb(tmp.resolve("in/bomb.zip"), 200L << 20);
        assertTrue(Files.size(bomb) < 1 << 20, "200 MB of zeros deflate to well under 1 MB");
        Inspection i = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> inspector.inspect(bomb, "bomb.pdf", "application/zip", unpack()));
        Finding f = only(i, ReasonCode.ATTACHMENT_ZIP_LIMIT);
        assertTrue(f.detail().contains("ratio"), f.detail());
        assertFalse(i.accepted());
        long written;
        try (Stream<Path> s = Files.walk(unpack())) {
            written = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertEquals(0, written, "stopped early and the partial file removed");
    }

    @Test
    void totalSizeLimitE404() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/big.zip"), entries("a.txt", "x".repeat(600), "b.txt", "y".repeat(600)));
        AttachmentInspector small = new AttachmentInspector(new Limits(1000, 1000, 100, 2, 255));
        Inspection i = small.inspect(z, "big.zip", "application/zip", unpack());
        assertTrue(only(i, ReasonCode.ATTACHMENT_ZIP_LIMIT).detail().contains("1000 bytes"));
    }

    @Test
    void moreEntriesThanTheLimitE404() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int n = 0; n < 1001; n++) many.put("f" + n + ".txt", utf8("văn bản " + n));
        Path z = Fixtures.zip(tmp.resolve("in/many.zip"), many);
        Inspection i = inspector.inspect(z, "many.zip", "application/zip", unpack());
        assertTrue(only(i, ReasonCode.ATTACHMENT_ZIP_LIMIT).detail().contains("more than 1000 files"));
        assertFalse(i.accepted());
    }

    @Test
    void nestedZipWithinDepthIsOpened() throws Exception {
        Path inner = Fixtures.zip(tmp.resolve("in/inner.zip"), entries("a.txt", "bên trong"));
        Path outer = Fixtures.zip(tmp.resolve("in/outer.zip"), entries("inner.zip", Files.readAllBytes(inner), "b.pdf", Fixtures.pdf("1.4")));
        Inspection i = inspector.inspect(outer, "outer.zip", "application/zip", unpack());
        assertEquals(List.of(), i.problems());
        assertEquals(2, i.files().size());
        ContainedFile a = i.files().get(0);
        assertEquals("a.txt", a.name());
        assertEquals("inner.zip > a.txt", a.entryPath());
        assertTrue(a.path().startsWith(unpack().toAbsolutePath().normalize()));
    }

    @Test
    void nestedZipBeyondDepthE404() throws Exception {
        Path z1 = Fixtures.zip(tmp.resolve("in/z1.zip"), entries("a.txt", "sâu"));
        Path z2 = Fixtures.zip(tmp.resolve("in/z2.zip"), entries("z1.zip", Files.readAllBytes(z1)));
        Path z3 = Fixtures.zip(tmp.resolve("in/z3.zip"), entries("z2.zip", Files.readAllBytes(z2)));
        Inspection i = inspector.inspect(z3, "z3.zip", "application/zip", unpack());
        Finding f = only(i, ReasonCode.ATTACHMENT_ZIP_LIMIT);
        assertTrue(f.detail().contains("z2.zip > z1.zip"), f.detail());
        assertTrue(f.detail().contains("nested"), f.detail());
        assertEquals(List.of(), i.files());
    }

    @Test
    void corruptZipIsAFindingNotAnException() throws Exception {
        byte[] junk = new byte[4096];
        new java.util.Random(42).nextBytes(junk);
        junk[0] = 'P'; junk[1] = 'K'; junk[2] = 3; junk[3] = 4;
        Path f = Fixtures.write(tmp.resolve("in/junk.zip"), junk);
        Inspection i = inspector.inspect(f, "junk.doc", "application/zip", unpack());
        assertEquals(FileKind.ZIP, i.kind());
        assertFalse(i.accepted());
        assertTrue(i.errors().stream().anyMatch(e -> e.detail().contains("damaged")), i.problems()::toString);
    }

    @Test
    void truncatedZipIsAFindingNotAnException() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("a.txt", utf8("Nội dung ".repeat(5000)));
        e.put("b.pdf", Fixtures.pdf("1.7"));
        byte[] full = Files.readAllBytes(Fixtures.zip(tmp.resolve("in/full.zip"), e));
        Path cut = Fixtures.write(tmp.resolve("in/cut.zip"), Arrays.copyOf(full, full.length / 2));
        Inspection i = inspector.inspect(cut, "cut.zip", "application/zip", unpack());
        assertFalse(i.accepted());
        assertTrue(i.errors().stream().anyMatch(x -> x.detail().contains("damaged")), i.problems()::toString);
    }

    @Test
    void zipWhoseDirectoryDisagreesWithItsEntriesIsRefused() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/c.zip"), entries("safe.txt", "xin chào", "more.txt", "thêm"));
        byte[] b = Files.readAllBytes(z);
        // rename the first local header's name only: the central directory still says safe.txt
        byte[] from = utf8("safe.txt");
        int at = indexOf(b, from);
        System.arraycopy(utf8("evil.txt"), 0, b, at, from.length);
        Fixtures.write(z, b);
        Inspection i = inspector.inspect(z, "c.zip", "application/zip", unpack());
        assertFalse(i.accepted());
        assertTrue(only(i, ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED).detail().contains("directory lists different files"));
    }

    @Test
    void zipWithNonUtf8EntryNamesIsRead() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/w.zip"), entries("Báo cáo.txt", "nội dung"), Charset.forName("windows-1252"));
        Inspection i = inspector.inspect(z, "w.zip", "application/zip", unpack());
        assertEquals(List.of(), i.problems());
        assertEquals(1, i.files().size());
        assertEquals(FileKind.TXT, i.files().get(0).kind());
    }

    @Test
    void emptyZipIsE408() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/e.zip"), Map.of());
        Inspection i = inspector.inspect(z, "e.zip", "application/zip", unpack());
        assertEquals(FileKind.ZIP, i.kind());
        assertEquals(List.of("E408"), codes(i));
    }

    @Test
    void overlongEntryNameIsE405() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/l.zip"), entries("d/".repeat(200) + "a.txt", "x", "ok.txt", "y"));
        Inspection i = inspector.inspect(z, "l.zip", "application/zip", unpack());
        assertTrue(only(i, ReasonCode.ATTACHMENT_BAD_NAME).detail().contains("longer than 255"));
        assertEquals(1, i.files().size());
    }

    @Test
    void windowsReservedEntryNameIsRenamed() throws Exception {
        Path z = Fixtures.zip(tmp.resolve("in/r.zip"), entries("CON.txt", "x", "aux", "y"));
        Inspection i = inspector.inspect(z, "r.zip", "application/zip", unpack());
        assertEquals(List.of(), i.problems());
        assertEquals(List.of("_CON.txt", "_aux"), i.files().stream().map(ContainedFile::name).toList());
    }

    @Test
    void limitsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, 100, 2, 255));
        assertEquals(new Limits(1000, 1L << 30, 100, 2, 255), Limits.defaults());
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) if (data[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
