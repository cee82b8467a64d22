package vn.lienthong.registry;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing config/agencies.yaml keeps what IT staff wrote (comments, order) and always leaves a loadable file. */
class AgenciesFileTest {
    @TempDir Path dir;

    Path shipped() throws Exception {
        Path f = dir.resolve("agencies.yaml");
        Files.copy(Path.of("config/agencies.yaml"), f);
        return f;
    }

    @Test
    void addAppendsABlockAndKeepsTheComments() throws Exception {
        Path f = shipped();
        String before = Files.readString(f);
        new AgenciesFile(f).add(new Agency("000.00.21.H41", "Sở Tài chính tỉnh Nghệ An", "stc@nghean.gov.vn", false, false, false));
        String after = Files.readString(f);
        assertTrue(after.startsWith(before), "the existing text is untouched");
        assertTrue(after.endsWith("  - id: 000.00.21.H41\n    name: Sở Tài chính tỉnh Nghệ An\n    email: stc@nghean.gov.vn\n"), after);
        AgencyRegistry r = AgencyRegistry.load(f);
        assertEquals("Sở Tài chính tỉnh Nghệ An", r.find("000.00.21.H41").orElseThrow().name());
        assertThrows(IllegalArgumentException.class, () -> new AgenciesFile(f).add(new Agency("000.00.21.H41", "again", null, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> new AgenciesFile(f).add(new Agency("21.H41", "bad id", null, null, null, null)));
        new AgenciesFile(f).add(new Agency("000.00.22.H41", "Name: with colon # and hash", null, true, null, null));
        assertEquals("Name: with colon # and hash", AgencyRegistry.load(f).find("000.00.22.H41").orElseThrow().name());
        assertTrue(AgencyRegistry.load(f).find("000.00.22.H41").orElseThrow().allocateDocumentIds());
    }

    @Test
    void disableInsertsTheFlagUnderTheIdAndEnableRemovesIt() throws Exception {
        Path f = shipped();
        String before = Files.readString(f);
        assertTrue(new AgenciesFile(f).setDisabled("000.00.05.H41", true));
        String after = Files.readString(f);
        assertTrue(after.contains("  - id: 000.00.05.H41\n    disabled: true\n    name: Sở Nội vụ tỉnh Nghệ An\n"), after);
        assertTrue(after.startsWith("# The agencies connected"), "comments kept");
        AgencyRegistry r = AgencyRegistry.load(f);
        assertTrue(r.isDisabled("000.00.05.H41"));
        assertFalse(r.isActive("000.00.05.H41"));
        assertTrue(r.isActive("000.00.13.H41"));
        assertFalse(new AgenciesFile(f).setDisabled("000.00.05.H41", true), "already disabled");
        assertTrue(new AgenciesFile(f).setDisabled("000.00.05.H41", false));
        assertEquals(before, Files.readString(f), "enable restores the file as it was");
        assertThrows(IllegalArgumentException.class, () -> new AgenciesFile(f).setDisabled("000.00.99.H41", true));
    }
}
