package vn.lienthong.validation;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.config.Settings;
import vn.lienthong.edxml.EdxmlLimits;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlSchemas;
import vn.lienthong.edxml.ReadResult;
import vn.lienthong.edxml.attachment.AttachmentInspector;

/** Each refusal reason a clerk may see, on a real sample changed the way real senders get it wrong (R1, R2, R12, R14). */
class PackageValidatorTest {
    static final Path SAMPLES = Path.of("src/test/resources/samples");
    static final EdxmlReader READER = new EdxmlReader(EdxmlLimits.defaults(), EdxmlSchemas.fromDirectory(Path.of("schemas")));
    @TempDir Path tmp;

    List<Finding> check(String xml) throws Exception {
        return check(xml, Settings.defaults().validation());
    }

    List<Finding> check(String xml, Settings.Validation policy) throws Exception {
        ReadResult r = READER.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), tmp.resolve("a" + System.nanoTime()));
        List<Finding> all = new java.util.ArrayList<>(r.findings());
        all.addAll(new PackageValidator(policy, new AttachmentInspector()).validate(r.pkg(), tmp.resolve("w" + System.nanoTime())));
        return all;
    }

    static String sample(String name) throws Exception {
        return Files.readString(SAMPLES.resolve(name + ".edxml"));
    }

    static List<String> codes(List<Finding> f) {
        return f.stream().map(x -> x.reason().code()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"edoc_new", "edoc_update", "edoc_replacement", "edoc_revocation", "status", "status_inbox_01",
            "status_rejection_02", "status_acceptance_03", "status_assignment_04", "status_processing_05", "status_finish_06",
            "status_cancellation_13", "status_change-acceptance_15", "status_change-rejection_16"})
    void everyGoodSamplePassesWithWarningsOnly(String name) throws Exception {
        List<Finding> f = check(sample(name));
        assertFalse(PackageValidator.refused(f), f.toString());
    }

    @Test
    void theNationalSamplesQuirksAreWarningsNotRefusals() throws Exception {
        List<String> c = codes(check(sample("edoc_new")));
        assertTrue(c.contains("W203"), "impossible date 2014/02/30 in Bussiness/DocumentId: " + c);
        assertFalse(c.contains("W200"), "28.22.H17 has the 2022 amendment's general form: " + c);
        List<String> odd = codes(check(sample("edoc_new").replace("<edXML:OrganId>28.22.H17</edXML:OrganId>",
                "<edXML:OrganId>so-tttt</edXML:OrganId>")));
        assertTrue(odd.contains("W200"), "a relayed id in no known form is a warning by default: " + odd);
    }

    @Test
    void strictPolicyRefusesNonStandardRelayedIds() throws Exception {
        Settings.Validation strict = new Settings.Validation("strict", null, null, null);
        String xml = sample("edoc_new").replace("<edXML:OrganId>28.22.H17</edXML:OrganId>", "<edXML:OrganId>not-an-id</edXML:OrganId>");
        assertTrue(codes(check(xml, strict)).contains("E201"));
        assertFalse(codes(check(xml)).contains("E201"));
    }

    @Test
    void missingMandatoryFieldsAreNamed() throws Exception {
        String xml = sample("edoc_new").replace("<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>", "")
                .replace("<edXML:FullName>Nguyen Thanh Phuc</edXML:FullName>", "")
                .replace("<edXML:CodeNotation>VPCP-TTĐT</edXML:CodeNotation>", "<edXML:CodeNotation> </edXML:CodeNotation>");
        List<Finding> f = check(xml);
        assertTrue(f.stream().anyMatch(x -> x.reason() == ReasonCode.MISSING_FIELD && x.detail().startsWith("Subject")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.detail().startsWith("SignerInfo/FullName")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.detail().startsWith("Code/CodeNotation")), f.toString());
        assertTrue(f.stream().filter(x -> x.reason() == ReasonCode.MISSING_FIELD).findFirst().orElseThrow().sentence()
                .contains("Thiếu trường bắt buộc / A mandatory field is missing"));
    }

    @Test
    void badDatesPriorityAndBusinessTypeAreRefused() throws Exception {
        String xml = sample("edoc_new").replace("<edXML:PromulgationDate>2019/01/16</edXML:PromulgationDate>",
                "<edXML:PromulgationDate>2019/02/30</edXML:PromulgationDate>").replace("<edXML:Priority>0</edXML:Priority>",
                "<edXML:Priority>7</edXML:Priority>");
        List<String> c = codes(check(xml));
        assertTrue(c.contains("E203"), c.toString());
        assertTrue(c.contains("E204"), c.toString());
    }

    @Test
    void manifestAndAttachmentsMustAgree() throws Exception {
        String xml = sample("edoc_new").replaceFirst("<edXML:ContentId>cid:209</edXML:ContentId>",
                "<edXML:ContentId>cid:999</edXML:ContentId>");
        List<String> c = codes(check(xml));
        assertTrue(c.contains("E400"), "listed but missing: " + c);
        assertTrue(c.contains("E401"), "present but not listed: " + c);
    }

    @Test
    void executableAttachmentIsRefusedWhateverItsDeclaredType() throws Exception {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        String b64 = Base64.getEncoder().encodeToString(exe);
        String xml = sample("edoc_new").replaceAll("(?s)(<edXML:ContentTransferEncoded[^>]*>).*?(</edXML:ContentTransferEncoded>)",
                "$1" + b64 + "$2");
        List<Finding> f = check(xml);
        assertTrue(f.stream().anyMatch(x -> x.reason() == ReasonCode.ATTACHMENT_TYPE_NOT_ALLOWED), f.toString());
    }

    @Test
    void invalidBase64IsRefused() throws Exception {
        String xml = sample("edoc_new").replaceAll("(?s)(<edXML:ContentTransferEncoded[^>]*>).*?(</edXML:ContentTransferEncoded>)",
                "\\$1\\${__StringFromFile(test.txt,,,)}\\$2".replace("\\$1", "$1").replace("\\$2", "$2"));
        assertTrue(codes(check(xml)).contains("E402"));
    }

    @Test
    void secretDocumentsAreRefusedByTheConfiguredMarker() throws Exception {
        String xml = sample("edoc_new").replace("Liên thông văn bản quốc gia</edXML:SphereOfPromulgation>", "TUYỆT MẬT</edXML:SphereOfPromulgation>");
        assertTrue(codes(check(xml)).contains("E500"));
        String subject = sample("edoc_new").replace("<edXML:Subject>V/v", "<edXML:Subject>[MẬT] V/v");
        assertTrue(codes(check(subject)).contains("E500"));
        String ordinary = sample("edoc_new").replace("<edXML:Subject>V/v", "<edXML:Subject>V/v bảo mật thông tin,");
        assertFalse(codes(check(ordinary)).contains("E500"), "the word 'bảo mật' is not a secrecy marking");
    }

    @Test
    void statusPacketChecks() throws Exception {
        assertTrue(codes(check(sample("status_acceptance_03").replace(">03<", ">09<"))).contains("E611"));
        assertTrue(codes(check(sample("status_acceptance_03").replaceAll("<edXML:DocumentId>[^<]*</edXML:DocumentId>", ""))).contains("E200"));
        List<String> badTime = codes(check(sample("status_acceptance_03").replaceAll("<edXML:Timestamp>[^<]*</edXML:Timestamp>",
                "<edXML:Timestamp>2015/02/30 10:00:00</edXML:Timestamp>")));
        assertTrue(badTime.contains("E203"), badTime.toString());
    }

    @Test
    void documentIdForms() {
        assertEquals(DocumentIds.Form.PROVINCIAL, DocumentIds.form("000.00.13.H41-2026.15"));
        assertEquals(DocumentIds.Form.NATIONAL, DocumentIds.form("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"));
        assertEquals(DocumentIds.Form.UUID, DocumentIds.form("9fbfbad2-f1f8-4256-a2eb-50fb1061cddb"));
        assertEquals(DocumentIds.Form.OTHER, DocumentIds.form("000.00.13.H41-2026.0"));
        assertTrue(DocumentIds.hasImpossibleDate("000.00.00.G22,2014/02/30,7806/VPCP-TTĐT"));
        assertEquals("000.00.13.H41-2026.7", DocumentIds.provincial("000.00.13.H41", 2026, 7));
    }

    @Test
    void refusalIsBilingual() {
        Finding f = Finding.of(ReasonCode.UNKNOWN_RECEIVER, "000.00.77.H41");
        assertEquals("E302 Cơ quan nhận chưa được đăng ký trên trục liên thông / A receiving agency is not registered on the gateway: 000.00.77.H41",
                f.sentence());
    }
}
