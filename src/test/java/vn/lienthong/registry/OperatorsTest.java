package vn.lienthong.registry;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dashboard operator accounts: PBKDF2 hashes with a fresh salt, the demo operator of the demo credentials file. */
class OperatorsTest {
    @Test
    void hashesVerifyOnlyTheRightPassword() {
        String hash = Operators.hash("correct horse".toCharArray(), 1000);
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
        assertTrue(Operators.verify("correct horse".toCharArray(), hash));
        assertFalse(Operators.verify("correct horsE".toCharArray(), hash));
        assertNotEquals(hash, Operators.hash("correct horse".toCharArray(), 1000), "a fresh salt each time");
        Operators ops = new Operators(List.of(new Operators.Operator("an", "Nguyễn Văn An", hash)));
        assertEquals("Nguyễn Văn An", ops.check("an", "correct horse".toCharArray()).orElseThrow().name());
        assertTrue(ops.check("an", "wrong".toCharArray()).isEmpty());
        assertTrue(ops.check("binh", "correct horse".toCharArray()).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Operators(List.of(new Operators.Operator("x", null, "plain-text"))));
    }

    @Test
    void theDemoCredentialsFileNamesTheDemoOperator() throws Exception {
        Operators ops = Operators.load(Path.of("config/demo-credentials.yaml"));
        assertTrue(ops.check("operator", "demo-operator-pass".toCharArray()).isPresent(), "README's demo login works");
        // the agencies' part of the same file still loads
        Accounts.load(Path.of("config/demo-credentials.yaml"), AgencyRegistry.load(Path.of("config/agencies.yaml")));
    }
}
