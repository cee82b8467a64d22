package vn.lienthong.edxml.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attachment of the national axis's own sample {@code edoc_new.edxml}: base64 of a ZIP (as the
 * SDK makes it, declared application/zip, named .doc) holding one .edxml file. The axis accepts
 * it, so must we.
 */
class EdxmlSampleAttachmentTest {

    private static final Path SAMPLE = Path.of("src/test/resources/samples")
            .resolve("edoc_new.edxml");
    private static final Pattern ENCODED = Pattern.compile(
            "<(?:\\w+:)?ContentTransferEncoded[^>]*>([^<]*)</(?:\\w+:)?ContentTransferEncoded>");
    private static final Pattern NAME = Pattern.compile("<(?:\\w+:)?AttachmentName>([^<]*)</");
    private static final Pattern TYPE = Pattern.compile("<(?:\\w+:)?ContentType>([^<]*)</");

    @TempDir
    Path tmp;

    @Test
    void sdkZippedAttachmentIsAccepted() throws Exception {
        assumeTrue(Files.isRegularFile(SAMPLE), "sample not found: " + SAMPLE);
        String xml = Files.readString(SAMPLE, StandardCharsets.UTF_8);
        String attachment = xml.substring(xml.indexOf("<AttachmentEncoded>"));
        Matcher m = ENCODED.matcher(attachment);
        assertTrue(m.find());
        Matcher n = NAME.matcher(attachment);
        assertTrue(n.find());
        Matcher t = TYPE.matcher(attachment);
        assertTrue(t.find());
        Path decoded = tmp.resolve("cid-209.bin");
        Files.write(decoded, Base64.getMimeDecoder().decode(m.group(1)));

        Inspection i = new AttachmentInspector().inspect(decoded, n.group(1), t.group(1), tmp.resolve("unpack"));

        assertEquals("1896_QD-TTg_m_294779.doc", n.group(1));
        assertEquals("application/zip", t.group(1));
        assertEquals(FileKind.ZIP, i.kind());
        assertEquals(List.of(), i.problems());
        assertTrue(i.accepted());
        assertEquals(1, i.files().size());
        Inspection.ContainedFile f = i.files().get(0);
        assertEquals(FileKind.TXT, f.kind());
        assertTrue(f.name().endsWith(".edxml"), f.name());
        assertEquals(Files.size(f.path()), f.size());
        assertTrue(Files.readString(f.path()).startsWith("<?xml"));
    }
}
