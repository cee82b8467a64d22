package vn.lienthong.signature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import vn.lienthong.signature.pdf.PdfSigner;
import vn.lienthong.signature.xml.XmlSigner;

/** Real signed documents for tests: PDFs signed in turn by test credentials, packages carrying them, signed packages. */
public final class SignedDocuments {
    private SignedDocuments() { }

    public static String demo() throws Exception {
        return Files.readString(Path.of("demo/edoc_new.edxml"));
    }

    /** A one-page PDF signed by each credential in turn (e.g. the person, then the organisation). */
    public static byte[] pdf(Path dir, String algorithm, TestPki.Credential... signers) throws Exception {
        return pdf(dir, algorithm, Instant.now(), signers);
    }

    /** The same, signed at {@code at} (the signing time the signatures carry). */
    public static byte[] pdf(Path dir, String algorithm, Instant at, TestPki.Credential... signers) throws Exception {
        Path p = Files.createTempFile(dir, "doc", ".pdf");
        try (PDDocument d = new PDDocument()) {
            PDPage page = new PDPage();
            d.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(d, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 720);
                cs.showText("Quyet dinh so 12/QD-UBND");
                cs.endText();
            }
            d.save(p.toFile());
        }
        for (TestPki.Credential c : signers) {
            new PdfSigner(c.privateKey(), c.chain()).withSignatureAlgorithm(algorithm).sign(p, p, at);
        }
        return Files.readAllBytes(p);
    }

    /** The demo package (or {@code xml}) carrying the given PDF as its attachment. */
    public static String withPdf(String xml, byte[] pdf, boolean digitised) {
        String b64 = Base64.getEncoder().encodeToString(pdf);
        String out = xml.replaceAll("(?s)(<edXML:ContentTransferEncoded[^>]*>).*?(</edXML:ContentTransferEncoded>)", "$1" + b64 + "$2")
                .replace("application/zip", "application/pdf").replace("1896_QD-TTg_m_294779.doc", "quyet-dinh-12.pdf");
        return digitised ? out.replace("<edXML:Paper>0</edXML:Paper>", "<edXML:Paper>1</edXML:Paper>") : out;
    }

    /** {@code xml} signed (XML-DSig enveloped) by the credential. */
    public static Path signed(Path dir, String xml, TestPki.Credential who) throws Exception {
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".edxml"), xml);
        Path out = dir.resolve("signed-" + System.nanoTime() + ".edxml");
        new XmlSigner().sign(in, out, who.privateKey(), who.chain(), Clock.systemUTC());
        return out;
    }
}
