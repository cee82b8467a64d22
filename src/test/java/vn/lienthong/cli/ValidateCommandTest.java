package vn.lienthong.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bin/lienthong validate}: exit 0 for a valid package, 2 with each reason for a refused one. */
class ValidateCommandTest {

    record Run(int exit, String out) { }

    Run validate(String file) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Lienthong()).execute("validate", Path.of(file).toAbsolutePath().toString());
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void validPackageExitsZero() {
        Run r = validate("demo/edoc_new.edxml");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("VALID"), r.out());
        assertTrue(r.out().contains("warning W203"), r.out());
    }

    @Test
    void brokenPackageExitsTwoWithLineAndProblem() {
        Run r = validate("src/test/resources/samples/refused_edoc_unbound-prefix.edxml");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("line 116") && r.out().contains("xlink"), r.out());
    }
}
