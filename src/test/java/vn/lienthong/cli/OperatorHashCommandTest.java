package vn.lienthong.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.lienthong.registry.Operators;

/** {@code bin/lienthong operator-hash}: prints a credentials-file entry whose hash logs the operator in. */
class OperatorHashCommandTest {
    @TempDir Path dir;

    @Test
    void printedEntryLogsTheOperatorIn() throws Exception {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setIn(new ByteArrayInputStream("mật-khẩu-đủ-dài\n".getBytes(StandardCharsets.UTF_8)));
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Lienthong()).execute("operator-hash", "nguyenvana", "--name", "Nguyễn Văn \"A\"", "--stdin",
                    "--iterations", "2000");
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
        assertEquals(0, exit, buf.toString(StandardCharsets.UTF_8));
        Path file = Files.writeString(dir.resolve("credentials.yaml"), buf.toString(StandardCharsets.UTF_8));
        Operators ops = Operators.load(file);
        assertEquals("Nguyễn Văn \"A\"", ops.check("nguyenvana", "mật-khẩu-đủ-dài".toCharArray()).orElseThrow().name());
        assertTrue(ops.check("nguyenvana", "mật-khẩu-sai-rồi".toCharArray()).isEmpty());
        assertFalse(Files.readString(file).contains("mật-khẩu"), "the password itself is never printed");
    }
}
