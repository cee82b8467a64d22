package vn.lienthong.edxml.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Decides what a file is from its bytes (magic numbers and, for ZIP-based formats, the entries
 * inside), not from its name or declared MIME type. The name is used for one thing only: an
 * OLE2 compound file is a DOC or an XLS only when it is named {@code .doc} or {@code .xls}
 * (the container itself does not say which).
 *
 * <p>Reads with small buffers; never loads a whole file. ZIP packages are looked at through
 * their central directory ({@link ZipFile}); no entry is inflated except an ODF
 * {@code mimetype} entry, of which at most 256 bytes are read.
 */
public final class ContentSniffer {

    /** Result of sniffing: the kind, the PDF header version (PDF only) and a note for the clerk. */
    public record Sniff(FileKind kind, String pdfVersion, String note) {
        /** The PDF version as major*10+minor (1.4 → 14), or -1 if not a PDF or unreadable. */
        public int pdfVersionNumber() {
            if (pdfVersion == null) return -1;
            int dot = pdfVersion.indexOf('.');
            try {
                return Integer.parseInt(pdfVersion.substring(0, dot)) * 10
                        + Integer.parseInt(pdfVersion.substring(dot + 1, dot + 2));
            } catch (RuntimeException e) {
                return -1;
            }
        }

        /** Kind label plus note, for a finding's detail. */
        public String describe() {
            return note == null ? kind.label() : kind.label() + " (" + note + ")";
        }
    }

    /** How many bytes may precede {@code %PDF-} (PDF 1.7, annex H: within the first 1024 bytes). */
    public static final int PDF_HEADER_WINDOW = 1024;
    /** How many leading bytes are judged for "mostly printable" text. */
    public static final int TEXT_WINDOW = 64 * 1024;
    /** Share of control bytes tolerated in the text window. */
    private static final double MAX_CONTROL_SHARE = 0.02;

    private static final byte[] PDF = ascii("%PDF-");
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final byte[] RTF = ascii("{\\rtf");
    private static final Charset IBM437 = Charset.forName("IBM437");

    /** Well-known signatures of content that is never allowed, to tell the clerk what was found. */
    private static final Object[][] KNOWN_OTHER = {
            {ascii("MZ"), "Windows executable"},
            {new byte[]{0x7F, 'E', 'L', 'F'}, "Linux executable (ELF)"},
            {new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}, "Java class or macOS executable"},
            {new byte[]{(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE}, "macOS executable"},
            {new byte[]{(byte) 0x89, 'P', 'N', 'G'}, "PNG image"},
            {new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "JPEG image"},
            {ascii("GIF87a"), "GIF image"},
            {ascii("GIF89a"), "GIF image"},
            {new byte[]{'I', 'I', 42, 0}, "TIFF image"},
            {new byte[]{'M', 'M', 0, 42}, "TIFF image"},
            {new byte[]{'R', 'a', 'r', '!', 0x1A, 0x07}, "RAR archive: only ZIP archives can be checked"},
            {new byte[]{'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C}, "7-Zip archive: only ZIP archives can be checked"},
            {new byte[]{0x1F, (byte) 0x8B}, "gzip archive: only ZIP archives can be checked"},
            {RTF, "RTF document: not an allowed format, save it as DOC, DOCX or PDF"},
            {new byte[]{(byte) 0xFF, (byte) 0xFE}, "UTF-16 text: only UTF-8 text is accepted"},
            {new byte[]{(byte) 0xFE, (byte) 0xFF}, "UTF-16 text: only UTF-8 text is accepted"},
    };

    private ContentSniffer() {}

    /** The kind of a file, by content; an OLE2 file without a name is {@link FileKind#OLE2_OTHER}. */
    public static FileKind detect(Path file) throws IOException {
        return sniff(file, null).kind();
    }

    /** The kind of a file, by content; {@code declaredName} only decides DOC vs XLS for OLE2 files. */
    public static FileKind detect(Path file, String declaredName) throws IOException {
        return sniff(file, declaredName).kind();
    }

    /** Whether the file is a PDF by its header: {@code %PDF-} at the start or within the first 1024 bytes. */
    public static boolean isPdf(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PDF_HEADER_WINDOW + PDF.length);
        }
        return startsWith(head, PDF, 0) || indexOf(head, PDF, head.length) > 0;
    }

    /** Kind, PDF version and a note, by content. */
    public static Sniff sniff(Path file, String declaredName) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(TEXT_WINDOW);
        }
        if (head.length == 0) return new Sniff(FileKind.UNKNOWN, null, "empty file");

        if (startsWith(head, PDF, 0)) return pdf(head, 0);
        if (startsWith(head, OLE2, 0)) return ole2(declaredName);
        if (startsWith(head, ZIP_LOCAL, 0) || startsWith(head, ZIP_EMPTY, 0)) return zip(file);

        String known = knownOther(head);
        if (known != null) return new Sniff(FileKind.UNKNOWN, null, known);

        int pdfAt = indexOf(head, PDF, Math.min(head.length, PDF_HEADER_WINDOW + PDF.length));
        if (pdfAt > 0) return pdf(head, pdfAt);

        return text(file, head);
    }

    // ---------------------------------------------------------------- PDF

    private static Sniff pdf(byte[] head, int at) {
        int i = at + PDF.length;
        StringBuilder v = new StringBuilder();
        while (i < head.length && isDigit(head[i]) && v.length() < 3) v.append((char) head[i++]);
        if (v.length() == 0 || i >= head.length || head[i] != '.') {
            return new Sniff(FileKind.PDF, null, "PDF header without a readable version");
        }
        v.append('.');
        i++;
        int minorStart = v.length();
        while (i < head.length && isDigit(head[i]) && v.length() - minorStart < 2) v.append((char) head[i++]);
        if (v.length() == minorStart) return new Sniff(FileKind.PDF, null, "PDF header without a readable version");
        String note = at > 0 ? at + " bytes before the PDF header" : null;
        return new Sniff(FileKind.PDF, v.toString(), note);
    }

    // ---------------------------------------------------------------- OLE2

    private static Sniff ole2(String declaredName) {
        String ext = FileNames.extension(declaredName);
        return switch (ext) {
            case "doc" -> new Sniff(FileKind.DOC, null, null);
            case "xls" -> new Sniff(FileKind.XLS, null, null);
            default -> new Sniff(FileKind.OLE2_OTHER, null,
                    ext.isEmpty() ? "compound file without an extension; only .doc and .xls are accepted"
                            : "compound file named ." + ext + "; only .doc and .xls are accepted");
        };
    }

    // ---------------------------------------------------------------- ZIP-based

    private static Sniff zip(Path file) {
        try {
            return zip(file, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            try {
                // entry names that are not UTF-8 (old Windows zip tools): read them as IBM437
                return zip(file, IBM437);
            } catch (IOException | IllegalArgumentException e2) {
                // Unreadable directory: still a ZIP by its magic; the inspector reports the damage.
                return new Sniff(FileKind.ZIP, null, "damaged ZIP: " + e.getMessage());
            }
        }
    }

    private static Sniff zip(Path file, Charset names) throws IOException {
        try (ZipFile zf = new ZipFile(file.toFile(), names)) {
            ZipEntry mimetype = zf.getEntry("mimetype");
            if (mimetype != null && !mimetype.isDirectory()) {
                String type;
                try (InputStream in = zf.getInputStream(mimetype)) {
                    type = new String(in.readNBytes(256), StandardCharsets.US_ASCII).strip();
                } catch (ZipException e) {
                    type = "";
                }
                if (type.startsWith("application/vnd.oasis.opendocument.")) {
                    return switch (type) {
                        case "application/vnd.oasis.opendocument.text" -> new Sniff(FileKind.ODT, null, null);
                        case "application/vnd.oasis.opendocument.spreadsheet" -> new Sniff(FileKind.ODS, null, null);
                        case "application/vnd.oasis.opendocument.presentation" -> new Sniff(FileKind.ODP, null, null);
                        default -> new Sniff(FileKind.ODF_OTHER, null, type);
                    };
                }
            }
            if (zf.getEntry("[Content_Types].xml") != null) {
                boolean word = false;
                boolean xl = false;
                boolean macros = false;
                Enumeration<? extends ZipEntry> en = zf.entries();
                while (en.hasMoreElements()) {
                    String n = en.nextElement().getName().toLowerCase(Locale.ROOT);
                    if (n.startsWith("word/")) word = true;
                    if (n.startsWith("xl/")) xl = true;
                    if (n.endsWith("vbaproject.bin")) macros = true;
                }
                if (macros) return new Sniff(FileKind.OOXML_OTHER, null, "contains macros");
                if (word && !xl) return new Sniff(FileKind.DOCX, null, null);
                if (xl && !word) return new Sniff(FileKind.XLSX, null, null);
                return new Sniff(FileKind.OOXML_OTHER, null, word ? "both Word and Excel parts" : null);
            }
            return new Sniff(FileKind.ZIP, null, null);
        }
    }

    // ---------------------------------------------------------------- text

    /**
     * TXT when the whole file is valid UTF-8 without NUL bytes and the first
     * {@value #TEXT_WINDOW} bytes are mostly printable. Streams the rest of the file.
     */
    private static Sniff text(Path file, byte[] head) throws IOException {
        Utf8Check check = new Utf8Check();
        int controls = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) return binary();
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) || c == 0x7F) controls++;
        }
        if (controls > head.length * MAX_CONTROL_SHARE) return binary();
        if (!check.feed(head, head.length)) return legacyText();

        if (head.length == TEXT_WINDOW) {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(TEXT_WINDOW);
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == 0) return new Sniff(FileKind.UNKNOWN, null, "binary data after the first 64 KB of text");
                    }
                    if (!check.feed(buf, n)) return new Sniff(FileKind.UNKNOWN, null, "text that is not valid UTF-8 after the first 64 KB");
                }
            }
        }
        if (!check.complete()) return legacyText();
        return new Sniff(FileKind.TXT, null, null);
    }

    private static Sniff legacyText() {
        return new Sniff(FileKind.UNKNOWN, null,
                "text not in Unicode UTF-8, e.g. TCVN3, VNI or Windows-1258: convert it to Unicode");
    }

    private static Sniff binary() {
        return new Sniff(FileKind.UNKNOWN, null, "binary content of an unrecognised type");
    }

    /** Streaming UTF-8 validator (rejects overlongs, surrogates and code points above U+10FFFF). */
    private static final class Utf8Check {
        private int need;
        private int lower = 0x80;
        private int upper = 0xBF;

        boolean feed(byte[] buf, int len) {
            for (int i = 0; i < len; i++) {
                int b = buf[i] & 0xFF;
                if (need == 0) {
                    if (b < 0x80) continue;
                    if (b >= 0xC2 && b <= 0xDF) { need = 1; }
                    else if (b == 0xE0) { need = 2; lower = 0xA0; }
                    else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) { need = 2; }
                    else if (b == 0xED) { need = 2; upper = 0x9F; }
                    else if (b == 0xF0) { need = 3; lower = 0x90; }
                    else if (b >= 0xF1 && b <= 0xF3) { need = 3; }
                    else if (b == 0xF4) { need = 3; upper = 0x8F; }
                    else return false;
                } else {
                    if (b < lower || b > upper) return false;
                    lower = 0x80;
                    upper = 0xBF;
                    need--;
                }
            }
            return true;
        }

        boolean complete() { return need == 0; }
    }

    // ---------------------------------------------------------------- bytes

    private static String knownOther(byte[] head) {
        for (Object[] k : KNOWN_OTHER) {
            if (startsWith(head, (byte[]) k[0], 0)) {
                // "MZ" can start ordinary text; a real DOS/PE header has NUL bytes in its first 64
                if (k[1].equals("Windows executable") && indexOf(head, new byte[]{0}, Math.min(head.length, 64)) < 0) {
                    continue;
                }
                return (String) k[1];
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int at) {
        if (data.length - at < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (data[at + i] != prefix[i]) return false;
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle, int limit) {
        for (int i = 0; i + needle.length <= limit; i++) if (startsWith(data, needle, i)) return i;
        return -1;
    }

    private static boolean isDigit(byte b) { return b >= '0' && b <= '9'; }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
