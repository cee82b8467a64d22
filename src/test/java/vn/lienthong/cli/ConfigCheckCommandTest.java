package vn.lienthong.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lienthong config check} on the project's own configuration (good) and on deliberately broken
 * copies of it: each problem in one line with file and line number, exit code 2, never a stack trace.
 */
class ConfigCheckCommandTest {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    @TempDir Path home;

    @BeforeEach
    void copy() throws Exception {
        for (String d : new String[] {"config", "routes"}) {
            try (Stream<Path> s = Files.walk(PROJECT.resolve(d))) {
                for (Path p : s.toList()) {
                    Path t = home.resolve(d).resolve(PROJECT.resolve(d).relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(t);
                    else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        System.setProperty("lienthong.home", home.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("lienthong.home");
    }

    void edit(String file, String from, String to) throws Exception {
        Path p = home.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " has " + from);
        Files.writeString(p, text.replace(from, to));
    }

    OperationsCliTest.Run check() {
        OperationsCliTest.Run r = OperationsCliTest.cli("config", "check");
        assertFalse((r.out() + r.err()).contains("\tat ") || (r.out() + r.err()).contains("Exception"), "no stack trace:\n" + r.out() + r.err());
        return r;
    }

    @Test
    void theShippedConfigurationIsGood() {
        OperationsCliTest.Run r = check();
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().startsWith("OK: "), r.out());
    }

    @Test
    void badYamlIsReportedWithFileAndLine() throws Exception {
        edit("config/agencies.yaml", "  - id: 000.00.05.H41\n", "  - id: 000.00.05.H41\n   name: [unclosed\n");
        OperationsCliTest.Run r = check();
        assertEquals(2, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("config/agencies\\.yaml:1[0-9]: YAML syntax: .*")), r.out());
    }

    @Test
    void aKeyGivenTwiceAndAnImpossibleHolidayDate() throws Exception {
        Files.writeString(home.resolve("config/trust.yaml"), Files.readString(home.resolve("config/trust.yaml")) + "allow-sha1: true\n");
        edit("config/calendar.yaml", "date: 2026-01-01", "date: 2026-13-01");
        OperationsCliTest.Run r = check();
        assertEquals(2, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("config/trust\\.yaml:\\d+: key 'allow-sha1' is given twice \\(first on line \\d+\\)")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("config/calendar\\.yaml:\\d+: 'holidays\\[\\d+\\]\\.date': '2026-13-01' is not a valid date \\(YYYY-MM-DD\\)")), r.out());
    }

    @Test
    void unknownTemplateAndMissingParameterAndUnknownAgencyInRouteFiles() throws Exception {
        edit("routes/agency-000_00_05_H41.yaml", "routeTemplateRef: file-drop", "routeTemplateRef: file-dorp");
        edit("routes/agency-000_00_13_H41.yaml", "value: \"000.00.13.H41\"", "value: \"000.00.77.H41\"");
        Files.writeString(home.resolve("routes/agency-extra.yaml"),
                "# no agency parameter\n- templatedRoute:\n    routeTemplateRef: file-pickup\n    routeId: extra\n    parameters:\n      - name: pollMs\n        value: \"200\"\n");
        OperationsCliTest.Run r = check();
        assertEquals(2, r.code());
        String out = r.out();
        assertTrue(out.contains("routes/agency-000_00_05_H41.yaml:") && out.contains("unknown template 'file-dorp' (known: ") && out.contains("file-drop, file-pickup"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("routes/agency-000_00_13_H41\\.yaml:\\d+: agency '000\\.00\\.77\\.H41' is not in config/agencies\\.yaml")), out);
        assertTrue(out.contains("routes/agency-extra.yaml:2: template 'file-pickup' needs the parameter 'agency'"), out);
    }

    @Test
    void wrongValuesInGatewayYamlAndCredentialsForAnUnknownAgency() throws Exception {
        edit("config/gateway.yaml", "pool-size: 8", "pool-size: eight");
        OperationsCliTest.Run r = check();
        assertEquals(2, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("config/gateway\\.yaml:\\d+: 'database\\.pool-size': 'eight' is not a valid whole number")), r.out());
        edit("config/gateway.yaml", "pool-size: eight", "pool-sise: 8");
        r = check();
        assertTrue(r.out().contains("unknown key 'pool-sise' in 'database' (known: "), r.out());
        Files.copy(PROJECT.resolve("config/gateway.yaml"), home.resolve("config/gateway.yaml"), StandardCopyOption.REPLACE_EXISTING);
        edit("config/agencies.yaml", "  - id: 000.00.45.H41", "  - id: 000.00.46.H41");
        r = check();
        assertEquals(2, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("config/demo-credentials\\.yaml:\\d+: .*")) && r.out().contains("000.00.45.H41 is not in agencies.yaml"), r.out());
        assertTrue(r.out().contains("agency '000.00.45.H41' is not in config/agencies.yaml"), "its route file too: " + r.out());
    }
}
