package vn.lienthong.signature.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.SignatureFound;

/**
 * Interoperability with xmlsec1, the C implementation (Debian package {@code xmlsec1}): a package it
 * signs verifies in the gateway, and a package the gateway signs verifies in it. Fails (does not skip)
 * when xmlsec1 is missing: CI installs it.
 */
class XmlSecInteropTest {
    static final String TEMPLATE = """
            <Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
                    <SignedInfo>
                      <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                      <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
                      <Reference URI="">
                        <Transforms>
                          <Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
                          <Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
                        </Transforms>
                        <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
                        <DigestValue/>
                      </Reference>
                    </SignedInfo>
                    <SignatureValue/>
                    <KeyInfo>
                      <X509Data><X509Certificate/></X509Data>
                    </KeyInfo>
                  </Signature>""";

    static XmlTestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void needXmlsec1() {
        try {
            Process p = new ProcessBuilder("xmlsec1", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) fail("xmlsec1 --version failed: " + v);
        } catch (IOException e) {
            fail("xmlsec1 is not installed; install it with `apt-get install -y xmlsec1` (.ci/run does so): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        pki = XmlTestPki.get();
    }

    @Test
    void packageSignedByXmlsec1VerifiesInTheGateway() throws Exception {
        String sample = Files.readString(XmlTestPki.sample("edoc_new.edxml"));
        int from = sample.indexOf("<Signature>");
        int to = sample.indexOf("</Signature>") + "</Signature>".length();
        Path template = Files.writeString(dir.resolve("template.edxml"), sample.substring(0, from) + TEMPLATE + sample.substring(to));
        Path key = XmlTestPki.keyPem(dir.resolve("signer.key"), pki.signer.key());
        Path cert = XmlTestPki.certPem(dir.resolve("signer.pem"), pki.signer.cert());
        Path signed = dir.resolve("signed-by-xmlsec1.edxml");

        Result r = xmlsec1("--sign", "--privkey-pem", key + "," + cert, "--output", signed.toString(), template.toString());
        assertEquals(0, r.exit, r.output);

        SignatureFound s = only(new XmlSignatureVerifier(AlgorithmPolicy.strict()).verify(signed));
        assertEquals(XmlSignatureVerifier.KIND, s.kind());
        assertTrue(s.cryptographicallyValid(), s.problems()::toString);
        assertEquals(pki.signer.cert(), s.signer());
        assertEquals("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", s.algorithm());
        assertNull(s.signingTime(), "xmlsec1 writes no signing time");

        String tampered = Files.readString(signed).replace("<edXML:CodeNumber>74fass22</edXML:CodeNumber>", "<edXML:CodeNumber>7</edXML:CodeNumber>");
        SignatureFound t = only(new XmlSignatureVerifier(AlgorithmPolicy.strict()).verify(Files.writeString(dir.resolve("t.edxml"), tampered)));
        assertEquals("E701", t.problems().get(0).reason().code(), t.problems()::toString);
    }

    @Test
    void packageSignedByTheGatewayVerifiesInXmlsec1() throws Exception {
        Path ca = XmlTestPki.certPem(dir.resolve("ca.pem"), pki.ca.cert());
        for (XmlTestPki.Issued signer : List.of(pki.signer, pki.ecSigner)) {
            Path signed = dir.resolve("signed-by-gateway-" + signer.key().getAlgorithm() + ".edxml");
            new XmlSigner().sign(XmlTestPki.sample("edoc_new.edxml"), signed, signer.key(), List.of(signer.cert(), pki.ca.cert()),
                    Clock.fixed(Instant.now(), ZoneOffset.UTC));

            Result ok = verifyWithXmlsec1(ca, signed);
            assertEquals(0, ok.exit, ok.output);
            assertTrue(ok.output.lines().anyMatch(l -> l.strip().equals("OK")), ok.output);
            assertTrue(ok.output.contains("SignedInfo References (ok/all): 2/2"), ok.output);

            Path tampered = Files.writeString(dir.resolve("tampered.edxml"), Files.readString(signed)
                    .replace("<edXML:CodeNumber>74fass22</edXML:CodeNumber>", "<edXML:CodeNumber>7</edXML:CodeNumber>"));
            Result bad = verifyWithXmlsec1(ca, tampered);
            assertNotEquals(0, bad.exit, bad.output);
            assertTrue(bad.output.contains("FAIL"), bad.output);
        }
    }

    @Test
    void xmlsec1RefusesTheGatewaySignatureUnderAnotherRoot() throws Exception {
        Path signed = dir.resolve("signed.edxml");
        new XmlSigner().sign(XmlTestPki.sample("edoc_new.edxml"), signed, pki.signer.key(), pki.chain(), Clock.systemUTC());
        Path stranger = XmlTestPki.certPem(dir.resolve("stranger.pem"), pki.stranger.cert());
        Result r = verifyWithXmlsec1(stranger, signed);
        assertNotEquals(0, r.exit, r.output);
    }

    private static Result verifyWithXmlsec1(Path trustedCa, Path file) throws Exception {
        // plain command line: xmlsec1 itself resolves the second reference (Id of ds:SignatureProperties)
        return xmlsec1("--verify", "--trusted-pem", trustedCa.toString(), file.toString());
    }

    record Result(int exit, String output) {
    }

    private static Result xmlsec1(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("xmlsec1");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("xmlsec1 timed out: " + cmd);
        }
        return new Result(p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }

    private static SignatureFound only(List<SignatureFound> found) {
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }
}
