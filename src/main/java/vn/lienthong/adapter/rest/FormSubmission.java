package vn.lienthong.adapter.rest;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;
import vn.lienthong.edxml.PackageBuilder;
import vn.lienthong.edxml.attachment.ContentSniffer;
import vn.lienthong.edxml.attachment.FileKind;
import vn.lienthong.edxml.attachment.FileNames;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * A multipart/form-data submission as the platform-http consumer hands it over: Vert.x has streamed
 * every file part to a file of the upload folder (see {@link GatewayHttpServer}) and Camel lists them
 * as attachments by part name; plain text fields arrive as headers. The convention: one part
 * {@code metadata} (JSON, as a file part {@code -F metadata=@meta.json} or a text field
 * {@code -F 'metadata=<meta.json'}) and one or more file parts, each with its own part name.
 */
record FormSubmission(byte[] metadata, List<PackageBuilder.File> files, List<DocumentMetadata.FieldError> problems) {
    static final String METADATA = "metadata";

    static FormSubmission of(Exchange ex) throws IOException {
        List<DocumentMetadata.FieldError> problems = new ArrayList<>();
        // Camel keeps the uploads on the HTTP message (trait ATTACHMENTS); AttachmentMessage is the view of them
        AttachmentMessage am = ex.getMessage(AttachmentMessage.class);
        Map<String, DataHandler> parts = am != null && am.hasAttachments() ? am.getAttachments() : Map.of();
        Integer uploads = ex.getMessage().getHeader(Exchange.ATTACHMENTS_SIZE, Integer.class);
        if (uploads != null && uploads > parts.size()) {
            problems.add(problem("files", "hai phần tệp trùng tên; đặt cho mỗi tệp một tên phần riêng (-F file1=@a.pdf -F file2=@b.docx)"
                    + " / two file parts have the same name; give each file its own part name"));
        }
        byte[] metadata = null;
        Object field = ex.getMessage().getHeader(METADATA);
        if (parts.containsKey(METADATA)) {
            File f = file(parts.get(METADATA));
            if (f != null && f.length() <= DocumentMetadata.MAX_BYTES) {
                metadata = Files.readAllBytes(f.toPath());
            } else if (f != null) {
                problems.add(new DocumentMetadata.FieldError(METADATA, Finding.of(ReasonCode.METADATA_NOT_JSON,
                        METADATA + ": quá " + DocumentMetadata.MAX_BYTES / 1024 + " KiB / over " + DocumentMetadata.MAX_BYTES / 1024 + " KiB")));
            }
        } else if (field instanceof String s) {
            metadata = s.getBytes(StandardCharsets.UTF_8);
        } else if (field != null) {
            problems.add(problem(METADATA, "chỉ một phần metadata / only one metadata part"));
        }
        if (metadata == null && problems.stream().noneMatch(p -> p.field().equals(METADATA))) {
            problems.add(new DocumentMetadata.FieldError(METADATA, Finding.of(ReasonCode.MISSING_FIELD,
                    METADATA + ": phần JSON 'metadata' / the JSON part 'metadata'")));
        }
        List<PackageBuilder.File> files = new ArrayList<>();
        for (Map.Entry<String, DataHandler> part : parts.entrySet()) {
            if (part.getKey().equals(METADATA)) continue;
            File f = file(part.getValue());
            if (f == null) {
                problems.add(problem(part.getKey(), "phần này không phải tệp / this part is not a file"));
                continue;
            }
            String name = FileNames.sanitise(part.getValue().getName());
            if (name.equals(FileNames.FALLBACK)) name = part.getKey();
            Path path = f.toPath();
            FileKind kind = ContentSniffer.detect(path, name);
            String type = kind == FileKind.PDF ? "application/pdf" : declaredType(part.getValue());
            files.add(new PackageBuilder.File(path, name, type, Files.size(path)));
        }
        if (files.isEmpty()) problems.add(problem("files", "không có tệp nào / no file at all"));
        return new FormSubmission(metadata, files, problems);
    }

    private static File file(DataHandler h) {
        return h != null && h.getDataSource() instanceof FileDataSource fds ? fds.getFile() : null;
    }

    private static String declaredType(DataHandler h) {
        String t = h.getContentType();
        if (t == null || t.isBlank()) return "application/octet-stream";
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static DocumentMetadata.FieldError problem(String field, String detail) {
        return new DocumentMetadata.FieldError(field, Finding.of(ReasonCode.FORM_INVALID, field + ": " + detail));
    }
}
