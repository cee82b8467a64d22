package vn.lienthong.edxml.attachment;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds real test files (PDF, OLE2, OOXML, ODF, ZIP) on disk. */
final class Fixtures {

    static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private Fixtures() {}

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** A minimal but well-formed PDF of the given header version. */
    static byte[] pdf(String version) {
        String body = "%PDF-" + version + "\n%\u00e2\u00e3\u00cf\u00d3\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
                + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n"
                + "xref\n0 4\n0000000000 65535 f \n"
                + "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An OLE2 compound-file header followed by filler, 1 KB. */
    static byte[] ole2() {
        byte[] b = new byte[1024];
        System.arraycopy(OLE2_MAGIC, 0, b, 0, OLE2_MAGIC.length);
        b[0x18] = 0x3E; b[0x1A] = 0x03; b[0x1C] = (byte) 0xFE; b[0x1D] = (byte) 0xFF; b[0x1E] = 0x09;
        return b;
    }

    /** A DOS/PE executable header. */
    static byte[] exe() {
        byte[] b = new byte[512];
        b[0] = 'M'; b[1] = 'Z'; b[2] = (byte) 0x90; b[0x3C] = (byte) 0x80;
        b[0x80] = 'P'; b[0x81] = 'E';
        return b;
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** A ZIP with the entries in order (deflated, UTF-8 names). */
    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        return zip(file, entries, StandardCharsets.UTF_8);
    }

    static Path zip(Path file, Map<String, byte[]> entries, Charset names) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file), names)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    static Map<String, byte[]> entries(Object... nameThenContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object c = nameThenContent[i + 1];
            m.put((String) nameThenContent[i], c instanceof byte[] b ? b : utf8((String) c));
        }
        return m;
    }

    static Path docx(Path file) throws IOException {
        return zip(file, entries(
                "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
                "_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>",
                "word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body/></w:document>"));
    }

    static Path xlsx(Path file) throws IOException {
        return zip(file, entries(
                "[Content_Types].xml", "<Types/>",
                "xl/workbook.xml", "<workbook/>"));
    }

    static Path pptx(Path file) throws IOException {
        return zip(file, entries(
                "[Content_Types].xml", "<Types/>",
                "ppt/presentation.xml", "<presentation/>"));
    }

    /** An ODF package: {@code mimetype} first and stored, as the ODF spec requires. */
    static Path odf(Path file, String mimetype) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] mt = mimetype.getBytes(StandardCharsets.US_ASCII);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            ZipEntry e = new ZipEntry("mimetype");
            e.setMethod(ZipEntry.STORED);
            e.setSize(mt.length);
            CRC32 crc = new CRC32();
            crc.update(mt);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(mt);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("content.xml"));
            z.write(utf8("<?xml version=\"1.0\"?><office:document-content xmlns:office=\"x\"/>"));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            z.write(utf8("<manifest/>"));
            z.closeEntry();
        }
        return file;
    }

    /** A ZIP holding one entry of {@code bytes} zero bytes, streamed: never held in memory. */
    static Path zeroBomb(Path file, long bytes) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            z.setLevel(9);
            z.putNextEntry(new ZipEntry("zeros.txt"));
            for (long left = bytes; left > 0; left -= zeros.length) {
                z.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            z.closeEntry();
        }
        return file;
    }
}
