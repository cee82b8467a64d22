package vn.lienthong.adapter.rest;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.adapter.TestPdf.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.RunningGateway;
import vn.lienthong.edxml.Attachment;
import vn.lienthong.edxml.EdxmlLimits;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlSchemas;
import vn.lienthong.edxml.ReadResult;

/**
 * A document handed in over HTTP as JSON metadata + files (multipart/form-data, as {@code curl -F} sends it): it reaches a
 * drop-folder agency's inbox as a valid edXML package with the authenticated agency as sender; bad metadata is refused field
 * by field before anything is recorded; statuses 02–06, 13, 15, 16 can be posted and other codes are refused.
 */
class DocumentFormTest extends RunningGateway {
    static final String REST_AGENCY = "000.00.45.H41";      // UBND TP Vinh: mailbox over HTTP
    static final String FILE_AGENCY = "000.00.05.H41";      // Sở Nội vụ: drop folders
    static final String TOKEN = "demo-token-vinh";
    static final ObjectMapper JSON = new ObjectMapper();
    static ObjectNode metadata(String documentId) {
        ObjectNode m = JSON.createObjectNode();
        m.putArray("to").add(FILE_AGENCY);
        m.put("documentId", documentId);
        m.put("codeNumber", "12");
        m.put("codeNotation", "UBND-VP");
        m.put("promulgationPlace", "Vinh");
        m.put("promulgationDate", java.time.LocalDate.now(java.time.ZoneOffset.ofHours(7)).toString());
        m.put("documentType", "1");
        m.put("documentTypeName", "Công văn");
        m.put("subject", "V/v triển khai Kế hoạch chuyển đổi số năm 2026");
        m.put("content", "Đề nghị các cơ quan triển khai.");
        m.put("signerCompetence", "TM. Ủy ban nhân dân");
        m.put("signerPosition", "Chủ tịch");
        m.put("signerFullName", "Nguyễn Văn An");
        m.put("dueDate", "2026-12-31");
        m.put("priority", 1);
        m.put("steeringType", 1);
        m.put("pageAmount", 2);
        m.put("direction", true);
        m.putArray("appendixes").add("Phụ lục I: Danh mục nhiệm vụ");
        m.putArray("toPlaces").add("Như trên;").add("Lưu: VT.");
        m.put("paper", false);
        m.putObject("staff").put("name", "Trần Thị Bình").put("department", "Văn phòng").put("email", "vanthu@vinh.gov.vn");
        return m;
    }

    HttpResponse<String> post(String path, String token, Multipart form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(httpUrl("/api/v1" + path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", form.contentType()).POST(form.publisher());
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postJson(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(httpUrl("/api/v1" + path))).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    List<Path> files(String agency, String folder) throws Exception {
        Path dir = home.resolve("data/agencies").resolve(agency).resolve(folder);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".edxml") && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    Path awaitInbox(String agency, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (Path p : files(agency, "inbox")) if (Files.readString(p).contains(text)) return p;
            if (System.nanoTime() > deadline) throw new AssertionError("no package with " + text + " in " + agency + "/inbox");
            Thread.sleep(50);
        }
    }

    @Test
    void jsonAndFilesBecomeAValidEdxmlPackageInTheReceiversInbox() throws Exception {
        byte[] scan = pdf("Cong van 12/UBND-VP");
        byte[] note = "Ghi chú kèm theo văn bản.\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/documents", TOKEN, new Multipart()
                .file("metadata", "meta.json", "application/json", JSON.writeValueAsBytes(metadata("000.00.45.H41-2026.41")))
                .file("file", "Công văn 12.pdf", "application/pdf", scan)
                .file("file2", "ghi-chu.txt", "text/plain", note));
        assertEquals(202, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("accepted", answer.get("outcome").asText(), r.body());
        assertEquals("000.00.45.H41-2026.41", answer.get("documentId").asText());

        Path delivered = awaitInbox(FILE_AGENCY, "000.00.45.H41-2026.41");
        ReadResult read = new EdxmlReader(EdxmlLimits.defaults(), EdxmlSchemas.fromDirectory(Path.of("schemas")))
                .read(delivered, home.resolve("check"));
        assertTrue(read.findings().stream().noneMatch(f -> !f.isWarning()), "valid against the edXML schemas: " + read.findings());
        EdxmlPackage p = read.pkg();
        assertEquals(REST_AGENCY, p.from().organId(), "From is the authenticated agency");
        assertEquals(List.of(FILE_AGENCY), p.receiverIds());
        assertEquals("12", p.codeNumber());
        assertEquals("UBND-VP", p.codeNotation());
        assertEquals("V/v triển khai Kế hoạch chuyển đổi số năm 2026", p.subject());
        assertEquals("Nguyễn Văn An", p.signerFullName());
        assertEquals("2026/12/31", p.dueDate());
        assertEquals("1", p.priority());
        assertEquals("Vinh", p.promulgationPlace());
        assertTrue(Files.readString(delivered).contains("<edXML:Place>Lưu: VT.</edXML:Place>"), "ToPlaces written");
        assertEquals(2, p.attachments().size());
        Attachment a = p.attachments().get(0);
        assertEquals("Công văn 12.pdf", a.attachmentName());
        assertEquals("application/pdf", a.contentType());
        assertArrayEquals(scan, Files.readAllBytes(a.file()), "the PDF arrives byte for byte");
        assertArrayEquals(note, Files.readAllBytes(p.attachments().get(1).file()));
        assertTrue(Files.readString(delivered.resolveSibling(delivered.getFileName() + ".receipt.json")).contains("incomingNumber"));
        Object method = gw.sql("SELECT auth_method FROM audit WHERE action = 'submit form' AND outcome = 'ALLOWED' AND agency_id = ?", REST_AGENCY);
        assertEquals("token", method, "the audit log names the agency and how it was authenticated");
        try (Stream<Path> left = Files.walk(home.resolve("data/work"))) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "uploads and built packages are not left behind");
        }
    }

    @Test
    void metadataAsTextFieldAndDefaultDocumentIdWork() throws Exception {
        ObjectNode m = metadata(null);
        m.remove("documentId");
        HttpResponse<String> r = post("/documents", TOKEN, new Multipart()
                .field("metadata", JSON.writeValueAsString(m))
                .file("file", "vanban.pdf", "application/octet-stream", pdf("x")));
        assertEquals(202, r.statusCode(), r.body());
        String id = JSON.readTree(r.body()).get("documentId").asText();
        assertTrue(id.matches("000\\.00\\.45\\.H41,\\d{4}/\\d{2}/\\d{2},12/UBND-VP"), id);
        awaitInbox(FILE_AGENCY, "12/UBND-VP");
    }

    @Test
    void badMetadataIsRefusedFieldByFieldAndNothingIsRecorded() throws Exception {
        ObjectNode m = metadata("000.00.45.H41-2026.42");
        m.remove("subject");
        m.put("promulgationDate", "2026-02-30");
        m.put("priority", 7);
        m.put("from", "000.00.13.H41");
        m.putArray("to").add("000.00.77.H41").add("not-an-id");
        m.put("businessType", "delete");
        HttpResponse<String> r = post("/documents", TOKEN, new Multipart()
                .file("metadata", "meta.json", "application/json", JSON.writeValueAsBytes(m))
                .file("file", "vanban.pdf", "application/pdf", pdf("x")));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode reasons = JSON.readTree(r.body()).get("reasons");
        List<String> got = new ArrayList<>();
        reasons.forEach(e -> got.add(e.get("code").asText() + " " + e.get("field").asText()));
        assertTrue(got.containsAll(List.of("E200 subject", "E203 promulgationDate", "E204 priority", "E121 from", "E302 to[0]",
                "E201 to[1]", "E205 businessType")), got.toString());
        reasons.forEach(e -> assertTrue(!e.get("vi").asText().isBlank() && !e.get("en").asText().isBlank(), e.toString()));
        assertEquals(0L, ((Number) gw.sql("SELECT COUNT(*) FROM package")).longValue(), "nothing was handed to the intake");

        HttpResponse<String> notJson = post("/documents", TOKEN, new Multipart().field("metadata", "{\"to\": [").file("file", "a.pdf",
                "application/pdf", pdf("x")));
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("E120"), notJson.body());

        HttpResponse<String> noFile = post("/documents", TOKEN, new Multipart().field("metadata", JSON.writeValueAsString(metadata("x"))));
        assertEquals(400, noFile.statusCode());
        assertTrue(noFile.body().contains("E123"), noFile.body());
        HttpResponse<String> noMetadata = post("/documents", TOKEN, new Multipart().file("file", "a.pdf", "application/pdf", pdf("x")));
        assertEquals(400, noMetadata.statusCode());
        assertTrue(noMetadata.body().contains("\"field\":\"metadata\""), noMetadata.body());
        assertEquals(401, post("/documents", null, new Multipart().field("metadata", "{}")).statusCode());
    }

    @Test
    void sameNamedFilePartsAreRefusedNotSilentlyDropped() throws Exception {
        HttpResponse<String> r = post("/documents", TOKEN, new Multipart()
                .field("metadata", JSON.writeValueAsString(metadata("000.00.45.H41-2026.43")))
                .file("file", "a.pdf", "application/pdf", pdf("a"))
                .file("file", "b.pdf", "application/pdf", pdf("b")));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("E123"), r.body());
    }

    @Test
    void statusesThatMayBePostedAndThoseRefused() throws Exception {
        HttpResponse<String> sent = post("/documents", TOKEN, new Multipart()
                .field("metadata", JSON.writeValueAsString(metadata("000.00.45.H41-2026.44")))
                .file("file", "a.pdf", "application/pdf", pdf("a")));
        assertEquals(202, sent.statusCode(), sent.body());
        awaitInbox(FILE_AGENCY, "000.00.45.H41-2026.44");
        // the sender asks to take it back (13), by document id
        HttpResponse<String> noReason = postJson("/statuses", TOKEN, "{\"documentId\": \"000.00.45.H41-2026.44\", \"code\": \"13\"}");
        assertEquals(400, noReason.statusCode(), noReason.body());
        assertTrue(noReason.body().contains("E200"), noReason.body());
        HttpResponse<String> takeBack = postJson("/statuses", TOKEN,
                "{\"documentId\": \"000.00.45.H41-2026.44\", \"code\": \"13\", \"description\": \"Gửi nhầm nơi nhận\"}");
        assertEquals(202, takeBack.statusCode(), takeBack.body());
        assertEquals("accepted", JSON.readTree(takeBack.body()).get("outcome").asText(), takeBack.body());
        gw.awaitFile(FILE_AGENCY, "status", "<edXML:StatusCode>13</edXML:StatusCode>");     // relayed to the receiver
        for (String code : List.of("01", "07", "14", "99")) {
            HttpResponse<String> r = postJson("/statuses", TOKEN, "{\"documentId\": \"000.00.45.H41-2026.44\", \"code\": \"" + code + "\"}");
            assertEquals(400, r.statusCode(), code + ": " + r.body());
            assertTrue(r.body().contains("E611"), r.body());
        }
        assertEquals(404, postJson("/statuses", "demo-token-stttt",
                "{\"documentId\": \"000.00.45.H41-2026.44\", \"sender\": \"000.00.45.H41\", \"code\": \"03\"}").statusCode(),
                "an agency that is no party to the document");
    }
}
