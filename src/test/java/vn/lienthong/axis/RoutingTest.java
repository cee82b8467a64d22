package vn.lienthong.axis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.lienthong.config.Settings;
import vn.lienthong.registry.AgencyRegistry;

/** Where a receiver is served (R23): locally, through the national axis, or by the member gateway of its province. */
class RoutingTest {
    static Settings.Axis axis(String endpoint, List<Settings.Axis.Member> members) {
        return new Settings.Axis(endpoint, "000.00.99.H41", "s", null, null, null, null, null, null, null, null, members);
    }

    static AgencyRegistry registry(String... ids) throws Exception {
        StringBuilder y = new StringBuilder("agencies:\n");
        for (String id : ids) y.append("  - id: ").append(id).append("\n    name: ").append(id).append('\n');
        java.nio.file.Path f = java.nio.file.Files.createTempFile("agencies", ".yaml");
        java.nio.file.Files.writeString(f, y);
        try {
            return AgencyRegistry.load(f);
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void aProvinceWithoutAxisServesOnlyItsAgencies() throws Exception {
        Routing r = Routing.localOnly(registry("000.00.13.H41", "000.00.05.H41"));
        assertEquals(Optional.of("000.00.05.H41"), r.queueOwner("000.00.05.H41"));
        assertEquals(Optional.empty(), r.queueOwner("000.00.05.H42"), "no axis: refused at intake (E302)");
        assertFalse(r.isPeer(Routing.NATIONAL_AXIS));
    }

    @Test
    void aProvinceWithAxisSendsTheRestThereAndTakesFromItOnlyItsOwn() throws Exception {
        Routing r = new Routing(registry("000.00.13.H41", "000.00.05.H41"), axis("http://axis/vdxp", List.of()));
        assertEquals(Optional.of("000.00.05.H41"), r.queueOwner("000.00.05.H41"));
        assertEquals(Optional.of(Routing.NATIONAL_AXIS), r.queueOwner("000.00.05.H42"));
        assertEquals(Optional.of(Routing.NATIONAL_AXIS), r.queueOwner("000.00.00.G22"), "ministries too");
        assertEquals(Optional.empty(), r.queueOwner("not an id"), "an id in no valid form is refused");
        List<String> to = List.of("000.00.05.H41", "000.00.05.H42", "000.00.05.H41");
        assertEquals(List.of("000.00.05.H41", "000.00.05.H42"), r.served("000.00.13.H41", to), "split per receiver, once each");
        assertEquals(List.of("000.00.05.H41"), r.served(Routing.NATIONAL_AXIS, to), "from the axis: only this province's agencies");
        assertTrue(r.mayActFor(Routing.NATIONAL_AXIS, "000.00.05.H42"));
        assertFalse(r.mayActFor(Routing.NATIONAL_AXIS, "000.00.13.H41"), "the axis cannot speak for a local agency");
        assertFalse(r.mayActFor("000.00.13.H41", "000.00.05.H42"), "an agency is not a peer");
    }

    @Test
    void aHubRoutesByProvinceCodeAndNeverBackToTheMemberItCameFrom() throws Exception {
        Routing r = new Routing(registry("000.00.99.H41", "000.00.99.H42", "000.00.00.G22"), axis(null, List.of(
                new Settings.Axis.Member("000.00.99.H41", List.of("H41")), new Settings.Axis.Member("000.00.99.H42", List.of("h42")))));
        assertEquals("H41", Routing.province("000.00.13.H41"));
        assertEquals(Optional.of("000.00.99.H42"), r.queueOwner("000.00.05.H42"));
        assertEquals(Optional.of("000.00.00.G22"), r.queueOwner("000.00.00.G22"), "the hub's own agencies are local");
        assertEquals(Optional.empty(), r.queueOwner("000.00.05.H43"), "a province without member");
        assertEquals(List.of("000.00.05.H42", "000.00.00.G22"),
                r.served("000.00.99.H41", List.of("000.00.05.H41", "000.00.05.H42", "000.00.00.G22", "000.00.05.H43")));
        assertTrue(r.mayActFor("000.00.99.H41", "000.00.13.H41"));
        assertFalse(r.mayActFor("000.00.99.H41", "000.00.13.H42"), "a member speaks only for its provinces");
        assertThrows(IllegalArgumentException.class, () -> new Routing(registry("000.00.99.H41"), axis(null, List.of(
                new Settings.Axis.Member("000.00.99.H42", List.of("H42"))))), "a member must be registered");
    }
}
