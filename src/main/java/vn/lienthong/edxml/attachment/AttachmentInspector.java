package vn.lienthong.edxml.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import vn.lienthong.edxml.attachment.ContentSniffer.Sniff;
import vn.lienthong.edxml.attachment.Inspection.ContainedFile;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Checks one decoded attachment against R12: sniffs its content, and when it is a ZIP container
 * (the national SDK zips every file) unpacks it with limits and checks every file inside.
 *
 * <p>Trusts bytes, not declarations: a ZIP declared {@code application/pdf} is opened as a ZIP
 * (with a W403 warning). Unpacking streams through {@link ZipInputStream} with small buffers,
 * counts the bytes actually inflated and stops at the first limit crossed (zip bombs). Entry
 * names are flattened to one safe file name each ({@link FileNames#sanitise}); entries whose
 * names are hostile (traversal, absolute paths, control characters, too long) are refused with
 * E405 and not written. Nothing is ever written outside {@code unpackDir}.
 *
 * <p>The archive's central directory (what unzip tools and the receiver see) is read too and
 * must list the same entries as the streamed local entries; a ZIP that shows different files
 * to different readers is refused.
 *
 * <p>Bad input never throws: it becomes {@link Finding}s. Only the gateway's own failures throw
 * {@link UncheckedIOException} (cannot read {@code decodedFile}, cannot write in
 * {@code unpackDir}: disk full, permissions), so they are not mistaken for a sender's fault.
 * Malware scanning (R13) is not done here; the unpacked files are what a scanner should see.
 *
 * <p>Thread-safe: an instance holds only its limits.
 */
public final class AttachmentInspector {

    /**
     * Limits for ZIP containers. Counts and sizes cover all nesting levels together.
     *
     * @param maxEntries           most entries (files and folders, all levels together)
     * @param maxTotalUncompressed most bytes inflated, all levels together (a nested ZIP's bytes
     *                             count when it is unpacked from its parent and again for what
     *                             it holds)
     * @param maxRatio             most bytes inflated per byte of the attachment; applied once
     *                             more than {@link #RATIO_GRACE_BYTES} have been inflated, so
     *                             small, very compressible text files pass
     * @param maxNestingDepth      most ZIP levels: 1 = the attachment itself only, 2 = a ZIP
     *                             inside it may be opened too, and so on
     * @param maxEntryNameLength   longest entry name (path inside the archive), in characters
     */
    public record Limits(int maxEntries, long maxTotalUncompressed, double maxRatio,
                         int maxNestingDepth, int maxEntryNameLength) {

        public static final Limits DEFAULTS = new Limits(1000, 1L << 30, 100, 2, 255);

        public Limits {
            if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1");
            if (maxTotalUncompressed < 1) throw new IllegalArgumentException("maxTotalUncompressed must be positive");
            if (!(maxRatio >= 1)) throw new IllegalArgumentException("maxRatio must be at least 1");
            if (maxNestingDepth < 1) throw new IllegalArgumentException("maxNestingDepth must be at least 1");
            if (maxEntryNameLength < 1) throw new IllegalArgumentException("maxEntryNameLength must be at least 1");
        }

        public static Limits defaults() { return DEFAULTS; }
    }

    /** The compression ratio limit applies only after this many bytes have been inflated. */
    public static final long RATIO_GRACE_BYTES = 1L << 20;

    private static final int BUFFER = 16 * 1024;
    private static final Charset IBM437 = Charset.forName("IBM437");
    private static final Set<String> GENERIC_TYPES = Set.of(
            "application/octet-stream", "binary/octet-stream", "application/binary",
            "application/unknown", "application/x-download", "application/force-download");
    private static final Map<FileKind, Set<String>> MIME_TYPES = Map.of(
            FileKind.PDF, Set.of("application/pdf", "application/x-pdf", "application/acrobat"),
            FileKind.DOC, Set.of("application/msword", "application/doc", "application/vnd.ms-word"),
            FileKind.XLS, Set.of("application/vnd.ms-excel", "application/excel", "application/x-excel", "application/x-msexcel"),
            FileKind.DOCX, Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            FileKind.XLSX, Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            FileKind.ODT, Set.of("application/vnd.oasis.opendocument.text"),
            FileKind.ODS, Set.of("application/vnd.oasis.opendocument.spreadsheet"),
            FileKind.ODP, Set.of("application/vnd.oasis.opendocument.presentation"),
            FileKind.TXT, Set.of("application/xml", "application/json", "application/edxml+xml"),
            FileKind.ZIP, Set.of("application/zip", "application/x-zip-compressed", "application/x-zip",
                    "application/zip-compressed", "multipart/x-zip"));
    private static final Map<String, FileKind> EXTENSIONS = Map.ofEntries(
            Map.entry("pdf", FileKind.PDF), Map.entry("doc", FileKind.DOC), Map.entry("xls", FileKind.XLS),
            Map.entry("docx", FileKind.DOCX), Map.entry("xlsx", FileKind.XLSX),
            Map.entry("odt", FileKind.ODT), Map.entry("ods", FileKind.ODS), Map.entry("odp", FileKind.ODP),
            Map.entry("txt", FileKind.TXT), Map.entry("xml", FileKind.TXT), Map.entry("zip", FileKind.ZIP));

    private final Limits limits;

    public AttachmentInspector() {
        this(Limits.DEFAULTS);
    }

    public AttachmentInspector(Limits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    public Limits limits() { return limits; }

    /**
     * Inspects one decoded attachment.
     *
     * @param decodedFile         the attachment's bytes (base64 already decoded)
     * @param declaredName        the name the sender declared (AttachmentName); may be null
     * @param declaredContentType the MIME type the sender declared (ContentType); may be null
     * @param unpackDir           where a ZIP container's files are written (created when needed;
     *                            the caller owns it and deletes it afterwards)
     */
    public Inspection inspect(Path decodedFile, String declaredName, String declaredContentType, Path unpackDir) {
        Objects.requireNonNull(decodedFile, "decodedFile");
        Objects.requireNonNull(unpackDir, "unpackDir");
        String root = "'" + FileNames.display(declaredName != null ? declaredName
                : String.valueOf(decodedFile.getFileName())) + "'";
        Run run = new Run(root);

        if (declaredName != null) {
            Optional<String> bad = nameProblem(declaredName);
            bad.ifPresent(p -> run.add(ReasonCode.ATTACHMENT_BAD_NAME, root + ": " + p));
        }

        long size = sizeOf(decodedFile);
        if (size == 0) {
            run.add(ReasonCode.ATTACHMENT_EMPTY, root);
            return run.result(FileKind.UNKNOWN);
        }
        run.topSize = size;

        Sniff top = sniff(decodedFile, declaredName);
        checkDeclaredType(run, top.kind(), declaredContentType);

        if (top.kind().isContainer()) {
            Path dir = unpackDir.toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create unpack directory " + dir, e);
            }
            try {
                run.archive(decodedFile, dir, 1, "");
            } catch (LimitExceeded e) {
                run.add(ReasonCode.ATTACHMENT_ZIP_LIMIT, e.getMessage());
            }
        } else {
            run.checkDocument(top, root, declaredName);
        }
        return run.result(top.kind());
    }

    // ------------------------------------------------------------------ one inspection

    /** The state of one inspection: findings, files and what the limits have used so far. */
    private final class Run {
        final String root;
        final List<Finding> findings = new ArrayList<>();
        final List<ContainedFile> files = new ArrayList<>();
        long topSize;
        long entries;
        long inflated;
        String current;

        Run(String root) {
            this.root = root;
            this.current = root;
        }

        void add(ReasonCode code, String detail) {
            findings.add(Finding.of(code, detail));
        }

        Inspection result(FileKind kind) {
            return new Inspection(kind, files, findings);
        }

        /**
         * Unpacks one ZIP (the attachment at depth 1, nested ones deeper) into {@code dir}.
         *
         * @param prefix entry path of this archive inside its parents, "" for the attachment
         */
        void archive(Path zip, Path dir, int depth, String prefix) {
            String where = prefix.isEmpty() ? root : root + " > " + prefix;

            // 1. the central directory: what unzip tools and the receiver will see
            Charset names = StandardCharsets.UTF_8;
            List<String> directory;
            try {
                directory = centralDirectory(zip, names);
            } catch (IOException | IllegalArgumentException e) {
                try {
                    names = IBM437; // entry names from old Windows zip tools are not UTF-8
                    directory = centralDirectory(zip, names);
                } catch (IOException | IllegalArgumentException e2) {
                    damaged(where, e);
                    return;
                }
            }
            if (entries + directory.size() > limits.maxEntries()) {
                throw new LimitExceeded(where + ": more than " + limits.maxEntries()
                        + " files in the ZIP (its directory lists " + directory.size() + ")");
            }

            // 2. stream the entries, counting what is really inflated
            List<String> streamed = new ArrayList<>();
            int documents = 0;
            try (InputStream raw = Files.newInputStream(zip);
                 ZipInputStream zin = new ZipInputStream(new BufferedInputStream(raw, BUFFER), names)) {
                ZipEntry e;
                while ((e = zin.getNextEntry()) != null) {
                    streamed.add(e.getName());
                    String entryPath = prefix.isEmpty() ? FileNames.display(e.getName())
                            : prefix + " > " + FileNames.display(e.getName());
                    current = root + " > " + entryPath;
                    if (++entries > limits.maxEntries()) {
                        throw new LimitExceeded(current + ": more than " + limits.maxEntries() + " files in the ZIP");
                    }
                    if (e.isDirectory()) {
                        drain(zin);
                        continue;
                    }
                    documents++;
                    entry(zin, e.getName(), entryPath, dir, depth);
                }
            } catch (IOException | IllegalArgumentException e) {
                damaged(where, e);
                return;
            }

            // 3. both views must agree, else the receiver may get files that were never checked
            List<String> a = new ArrayList<>(directory);
            List<String> b = new ArrayList<>(streamed);
            a.sort(null);
            b.sort(null);
            if (!a.equals(b)) {
                add(ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED, where
                        + ": the ZIP's directory lists different files (" + directory.size()
                        + ") from those stored in it (" + streamed.size() + "): damaged or crafted archive");
            }
            if (documents == 0) {
                add(ReasonCode.ATTACHMENT_EMPTY, where + ": the ZIP holds no files");
            }
        }

        /** One file entry of an archive: check its name, extract it, check what it is. */
        private void entry(ZipInputStream zin, String rawName, String entryPath, Path dir, int depth) throws IOException {
            Optional<String> bad = nameProblem(rawName);
            if (bad.isPresent()) {
                add(ReasonCode.ATTACHMENT_BAD_NAME, current + ": " + bad.get() + "; not extracted");
                drain(zin);
                return;
            }
            String safe = FileNames.sanitise(rawName);
            Path target = unique(dir, safe, "");
            if (!target.normalize().startsWith(dir) || !dir.equals(target.getParent())) {
                // cannot happen with a sanitised name; kept as the last line of defence
                add(ReasonCode.ATTACHMENT_BAD_NAME, current + ": the name leads outside the unpack folder; not extracted");
                drain(zin);
                return;
            }
            long size = extract(zin, target);
            if (size == 0) {
                add(ReasonCode.ATTACHMENT_EMPTY, current);
                return;
            }
            Sniff s = sniff(target, rawName);
            if (s.kind().isContainer()) {
                if (depth + 1 > limits.maxNestingDepth()) {
                    add(ReasonCode.ATTACHMENT_ZIP_LIMIT, current + ": ZIP nested more than "
                            + limits.maxNestingDepth() + " levels deep; not opened");
                    return;
                }
                Path sub = unique(dir, safe, ".d");
                try {
                    Files.createDirectory(sub);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + sub, e);
                }
                archive(target, sub, depth + 1, entryPath);
                return;
            }
            checkDocument(s, current, rawName);
            files.add(new ContainedFile(target.getFileName().toString(), s.kind(), size, target, entryPath));
        }

        /** R12 checks on one document (the attachment itself or a file from a ZIP). */
        void checkDocument(Sniff s, String where, String name) {
            FileKind kind = s.kind();
            if (!kind.allowed()) {
                add(ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED, where + ": " + s.describe());
                return;
            }
            if (kind == FileKind.PDF && s.pdfVersionNumber() < 14) {
                add(ReasonCode.ATTACHMENT_PDF_VERSION, where + ": "
                        + (s.pdfVersion() == null ? "the PDF version cannot be read" : "PDF " + s.pdfVersion()));
            }
            String ext = FileNames.extension(name);
            FileKind byName = EXTENSIONS.get(ext);
            if (byName != null && byName != kind) {
                add(ReasonCode.W_TYPE_MISMATCH, where + ": named ." + ext + " but the content is " + kind.label());
            }
        }

        private void damaged(String where, Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            add(ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED, where + ": the ZIP is damaged and cannot be read ("
                    + FileNames.display(msg) + ")");
        }

        /** Writes one entry, counting and limiting; a partial file is deleted. */
        private long extract(InputStream in, Path target) throws IOException {
            OutputStream out;
            try {
                out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
            long size = 0;
            boolean complete = false;
            try {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    account(n);
                    try {
                        out.write(buf, 0, n);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + target, e);
                    }
                    size += n;
                }
                complete = true;
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    if (complete) throw new UncheckedIOException("cannot write " + target, e);
                }
                if (!complete) {
                    try {
                        Files.deleteIfExists(target);
                    } catch (IOException ignored) {
                        // the caller deletes unpackDir anyway
                    }
                }
            }
            return size;
        }

        /** Reads an entry that is not written (folders, refused names), still counting it. */
        private void drain(InputStream in) throws IOException {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) account(n);
        }

        private void account(int n) {
            inflated += n;
            if (inflated > limits.maxTotalUncompressed()) {
                throw new LimitExceeded(current + ": more than " + limits.maxTotalUncompressed()
                        + " bytes when unpacked");
            }
            if (inflated > RATIO_GRACE_BYTES && inflated > limits.maxRatio() * topSize) {
                throw new LimitExceeded(current + ": compression ratio above " + ratio(limits.maxRatio())
                        + ":1 (" + topSize + " bytes unpack to more than " + inflated + ")");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private Optional<String> nameProblem(String raw) {
        Optional<String> bad = FileNames.problem(raw);
        if (bad.isEmpty() && raw.length() > limits.maxEntryNameLength()) {
            bad = Optional.of("the name is longer than " + limits.maxEntryNameLength() + " characters");
        }
        return bad;
    }

    private static void checkDeclaredType(Run run, FileKind kind, String declared) {
        if (declared == null || kind == FileKind.UNKNOWN || (!kind.allowed() && !kind.isContainer())) return;
        String mime = declared.strip().toLowerCase(Locale.ROOT);
        int semi = mime.indexOf(';');
        if (semi >= 0) mime = mime.substring(0, semi).strip();
        if (mime.isEmpty() || GENERIC_TYPES.contains(mime)) return;
        if (kind == FileKind.TXT && (mime.startsWith("text/") || mime.endsWith("+xml"))) return;
        if (MIME_TYPES.getOrDefault(kind, Set.of()).contains(mime)) return;
        run.add(ReasonCode.W_TYPE_MISMATCH, run.root + ": declared " + FileNames.display(mime)
                + " but the content is " + kind.label());
    }

    /** Entry names from the central directory (the receiver's view of the archive). */
    private static List<String> centralDirectory(Path zip, Charset names) throws IOException {
        List<String> list = new ArrayList<>();
        try (ZipFile zf = new ZipFile(zip.toFile(), names)) {
            Enumeration<? extends ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) list.add(en.nextElement().getName());
        }
        return list;
    }

    /** A path in {@code dir} for {@code name + suffix} that does not exist yet. */
    private static Path unique(Path dir, String name, String suffix) {
        Path p = dir.resolve(name + suffix);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        int dot = suffix.isEmpty() ? name.lastIndexOf('.') : -1;
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; ; i++) {
            p = dir.resolve(base + " (" + i + ")" + ext + suffix);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return p;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Sniff sniff(Path file, String name) {
        try {
            return ContentSniffer.sniff(file, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String ratio(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    /** Thrown inside a run when a limit is crossed; stops the whole inspection. */
    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
