package vn.lienthong.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.lienthong.signature.TestPki;

/** {@code bin/lienthong sign} and {@code verify}: a key from PKCS#12, anchors from --trust, exit 0/1/2. */
class VerifySignCommandTest {
    static TestPki pki;
    @TempDir Path tmp;

    @BeforeAll
    static void start() {
        pki = TestPki.start();
    }

    @AfterAll
    static void stop() {
        pki.close();
    }

    record Run(int exit, String out) { }

    static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(new CommandLine(new Lienthong()).execute(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void signThenVerifyThenTamper() throws Exception {
        TestPki.writeFiles(tmp, "org", pki.organisation(), "secret".toCharArray());
        Path password = Files.writeString(tmp.resolve("password.txt"), "secret\n");
        Path signed = tmp.resolve("signed.edxml");
        Run sign = run("sign", Path.of("demo/edoc_new.edxml").toAbsolutePath().toString(), "--key", tmp.resolve("org.p12").toString(),
                "--password-file", password.toString(), "--out", signed.toString());
        assertEquals(0, sign.exit(), sign.out());
        assertTrue(sign.out().contains("signed by"), sign.out());

        Run ok = run("verify", signed.toString(), "--trust", tmp.resolve("trust-anchors/root.pem").toString());
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("XMLDSIG envelope") && ok.out().contains("valid") && ok.out().contains("chain: CN=Test Root CA"), ok.out());
        assertTrue(ok.out().contains("legal value / giá trị pháp lý:"), ok.out());

        Files.writeString(signed, Files.readString(signed).replace("V/v kết nối", "V/v không kết nối"));
        Run tampered = run("verify", signed.toString(), "--trust", tmp.resolve("trust-anchors/root.pem").toString());
        assertEquals(2, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("E701"), tampered.out());
    }

    @Test
    void unsignedSampleIsReferenceOnly() {
        Run r = run("verify", Path.of("demo/edoc_new.edxml").toAbsolutePath().toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("reference-only") && r.out().contains("W700"), r.out());
    }
}
