package vn.lienthong.edxml;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.validation.ReasonCode;

class EdxmlReaderTest {
    static final Path SAMPLES = Path.of("src/test/resources/samples");
    @TempDir Path tmp;

    EdxmlReader reader() {
        return new EdxmlReader(EdxmlLimits.defaults(), EdxmlSchemas.fromDirectory(Path.of("schemas")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"edoc_new", "edoc_update", "edoc_replacement", "edoc_revocation"})
    void readsEveryDocumentSample(String name) throws Exception {
        ReadResult r = reader().read(SAMPLES.resolve(name + ".edxml"), tmp);
        EdxmlPackage p = r.pkg();
        assertEquals(PacketKind.DOCUMENT, p.kind());
        assertEquals(List.of(), r.findings(), "schema findings");
        assertNotNull(p.from().organId());
        assertFalse(p.to().isEmpty());
        assertEquals("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", p.documentId());
        assertEquals("VPCP-TTĐT", p.codeNotation());
        assertEquals("V/v kết nối, liên thông phần mềm quản lý văn bản", p.subject());
        assertEquals("0", p.priority());
        assertEquals(1, p.attachments().size());
        Attachment a = p.attachments().get(0);
        assertTrue(a.encodingValid());
        assertEquals(270823, a.size());
        assertEquals(270823, Files.size(a.file()));
        assertEquals("cid:209", p.manifest().get(0).contentId());
        assertEquals(64, r.sha256().length());
        assertNotNull(p.signature());
        assertFalse(p.signature().isStandardXmlDsig(), "the SDK's QCVN-namespaced Signature is not XML-DSig");
        assertEquals("1", p.field("SteeringType"));
        assertEquals("Liên thông văn bản quốc gia", p.field("OtherInfo/SphereOfPromulgation"));
    }

    @Test
    void readsBusinessTypesOfUpdateReplacementRevocation() throws Exception {
        assertEquals(0, reader().read(SAMPLES.resolve("edoc_new.edxml"), tmp.resolve("a")).pkg().businessType());
        EdxmlPackage upd = reader().read(SAMPLES.resolve("edoc_update.edxml"), tmp.resolve("b")).pkg();
        assertEquals(2, upd.businessType());
        assertEquals(List.of("000.00.00.H41", "000.00.00.H14"), upd.business().receiverList());
        EdxmlPackage rep = reader().read(SAMPLES.resolve("edoc_replacement.edxml"), tmp.resolve("c")).pkg();
        assertEquals(3, rep.businessType());
        assertEquals(2, rep.business().replacements().size());
        assertEquals(List.of("000.00.00.H41", "000.00.00.H14"), rep.business().replacements().get(0).organIds());
        EdxmlPackage rev = reader().read(SAMPLES.resolve("edoc_revocation.edxml"), tmp.resolve("d")).pkg();
        assertEquals(1, rev.businessType());
        assertEquals("Nguyễn Thị Ngọc Trâm", rev.business().staffInfo().staff());
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "status_inbox_01", "status_rejection_02", "status_acceptance_03", "status_assignment_04",
            "status_processing_05", "status_finish_06", "status_cancellation_13", "status_change-acceptance_15",
            "status_change-rejection_16"})
    void readsEveryStatusSample(String name) throws Exception {
        ReadResult r = reader().read(SAMPLES.resolve(name + ".edxml"), tmp);
        EdxmlPackage p = r.pkg();
        assertEquals(PacketKind.STATUS, p.kind());
        assertEquals(List.of(), r.findings());
        assertTrue(p.from().organId().startsWith("000.00.00."));
        assertEquals("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", p.statusFor().documentId());
        assertTrue(p.statusCode().matches("\\d\\d"));
        assertNotNull(p.timestamp());
    }

    @Test
    void refusesUnboundPrefixNamingLineAndProblem() {
        EdxmlRefusedException e = assertThrows(EdxmlRefusedException.class,
                () -> reader().read(SAMPLES.resolve("refused_edoc_unbound-prefix.edxml"), tmp));
        assertEquals(ReasonCode.XML_MALFORMED, e.finding().reason());
        String s = e.finding().sentence();
        assertTrue(s.contains("line 116"), s);
        assertTrue(s.contains("xlink"), s);
        assertTrue(s.contains("không phải XML hợp lệ"), s);
    }

    @Test
    void toleratesAnyOrderAndUnprefixedNames() throws Exception {
        String xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
            <Subject>Về việc thử</Subject><To><OrganId>000.00.05.H41</OrganId></To>
            <DocumentId>000.00.13.H41-2026.7</DocumentId><From><OrganName>Sở TT&amp;TT</OrganName><OrganId>000.00.13.H41</OrganId></From>
            </MessageHeader></edXMLHeader></edXMLEnvelope></edXML>""";
        EdxmlPackage p = reader().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), tmp).pkg();
        assertEquals("000.00.13.H41", p.from().organId());
        assertEquals("Sở TT&TT", p.from().organName());
        assertEquals(List.of("000.00.05.H41"), p.receiverIds());
        assertEquals("Về việc thử", p.subject());
    }

    @Test
    void refusesDoctypeAndEntityExpansion() {
        String bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&b;</edXML>""";
        EdxmlRefusedException e = assertThrows(EdxmlRefusedException.class,
                () -> reader().read(new ByteArrayInputStream(bomb.getBytes(StandardCharsets.UTF_8)), tmp));
        assertEquals(ReasonCode.XML_FORBIDDEN_DTD, e.finding().reason());
        String xxe = """
            <?xml version="1.0"?><!DOCTYPE edXML SYSTEM "file:///etc/passwd"><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>""";
        e = assertThrows(EdxmlRefusedException.class,
                () -> reader().read(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), tmp));
        assertEquals(ReasonCode.XML_FORBIDDEN_DTD, e.finding().reason());
    }

    @Test
    void refusesDeepNestingAndOversizeAndForeignRoot() {
        String deep = "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">" + "<a>".repeat(5000) + "</a>".repeat(5000) + "</edXML>";
        assertEquals(ReasonCode.XML_TOO_DEEP, assertThrows(EdxmlRefusedException.class,
                () -> reader().read(new ByteArrayInputStream(deep.getBytes()), tmp)).finding().reason());
        EdxmlReader small = new EdxmlReader(new EdxmlLimits(1000, 40, 100, 5), null);
        String big = "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">" + " ".repeat(5000) + "</edXML>";
        assertEquals(ReasonCode.XML_TOO_LARGE, assertThrows(EdxmlRefusedException.class,
                () -> small.read(new ByteArrayInputStream(big.getBytes()), tmp)).finding().reason());
        assertEquals(ReasonCode.XML_NOT_EDXML, assertThrows(EdxmlRefusedException.class,
                () -> reader().read(new ByteArrayInputStream("<html/>".getBytes()), tmp)).finding().reason());
        assertEquals(ReasonCode.XML_MALFORMED, assertThrows(EdxmlRefusedException.class,
                () -> reader().read(new ByteArrayInputStream("PK\u0003\u0004 not xml".getBytes()), tmp)).finding().reason());
    }

    @Test
    void writtenDocumentReadsBackTheSame() throws Exception {
        EdxmlPackage p = reader().read(SAMPLES.resolve("edoc_update.edxml"), tmp.resolve("in")).pkg();
        Path out = tmp.resolve("out.edxml");
        try (OutputStream o = Files.newOutputStream(out)) {
            new EdxmlWriter().writeDocument(p, o);
        }
        ReadResult back = reader().read(out, tmp.resolve("back"));
        assertEquals(List.of(), back.findings());
        EdxmlPackage q = back.pkg();
        assertEquals(p.from(), q.from());
        assertEquals(p.to(), q.to());
        assertEquals(p.documentId(), q.documentId());
        assertEquals(p.subject(), q.subject());
        assertEquals(p.business(), q.business());
        assertEquals(p.manifest(), q.manifest());
        assertEquals(p.traces(), q.traces());
        assertEquals(p.attachments().get(0).size(), q.attachments().get(0).size());
        assertArrayEquals(Files.readAllBytes(p.attachments().get(0).file()), Files.readAllBytes(q.attachments().get(0).file()));
    }

    @Test
    void writtenStatusReadsBack() throws Exception {
        StatusPacket s = new StatusPacket(Organization.ofId("000.00.05.H41", "Sở Nội vụ"),
                new ResponseFor("000.00.13.H41", "12/STTTT-VP", "2026/11/20", "000.00.13.H41-2026.12"),
                null, "01", "Đã đến", "2026/11/21 09:15:00");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(s, bos);
        ReadResult r = reader().read(new ByteArrayInputStream(bos.toByteArray()), tmp);
        assertEquals(List.of(), r.findings());
        assertEquals(PacketKind.STATUS, r.pkg().kind());
        assertEquals("01", r.pkg().statusCode());
        assertEquals(s.responseFor(), r.pkg().statusFor());
    }

    @Test
    void attachmentIsStreamedNotBufferedAndBadBase64IsFlagged() throws Exception {
        String xml = "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"><edXMLEnvelope><edXMLHeader><MessageHeader/>"
                + "</edXMLHeader></edXMLEnvelope><AttachmentEncoded><Attachment><ContentId>cid:1</ContentId>"
                + "<ContentTransferEncoded>${__StringFromFile(test.txt,,,)}</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>";
        EdxmlPackage p = new EdxmlReader(EdxmlLimits.defaults(), null)
                .read(new ByteArrayInputStream(xml.getBytes()), tmp).pkg();
        assertFalse(p.attachments().get(0).encodingValid());
    }
}
