package vn.lienthong.dashboard;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium driven over WebDriver): a document sent file → file,
 * then an operator opens /dashboard, is sent to the login form, logs in, searches the document and sees
 * its timeline with the 01 status and its +07:00 time; the tables show what the JSON endpoints return.
 * Skipped only where Chromium is not installed (CI installs it: .ci/run).
 */
class DashboardBrowserTest {
    static final String DOCUMENT = "000.00.13.H41-2026.777";
    @TempDir Path home;
    @TempDir Path browserDir;

    @Test
    void operatorLogsInAndFollowsADocument() throws Exception {
        Optional<Path[]> chromium = WebDriver.installed();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        try (DashboardFixture f = new DashboardFixture(home)) {
            f.sendAndAwaitArrival(DOCUMENT);
            Path profile = Files.createDirectories(browserDir.resolve("profile"));
            try (WebDriver browser = new WebDriver(chromium.get()[0], chromium.get()[1], profile)) {
                browser.open(f.base + "/dashboard");
                WebDriver.await("the login form", () -> url(browser).endsWith("/dashboard/login"));
                browser.type("#username", DashboardFixture.OPERATOR);
                browser.type("#password", "wrong-password");
                browser.click("#login-button");
                WebDriver.await("the refusal", () -> text(browser, "#login-error").contains("không đúng"));
                browser.type("#username", DashboardFixture.OPERATOR);
                browser.type("#password", DashboardFixture.PASSWORD);
                browser.click("#login-button");
                WebDriver.await("the dashboard", () -> url(browser).endsWith("/dashboard"));
                WebDriver.await("the operator's name", () -> text(browser, "#operator").contains("Cán bộ vận hành (demo)"));

                browser.type("#search", "2026.777");
                browser.click("#search-button");
                // the page re-renders as its own loads finish: read once the timeline shows the document
                WebDriver.await("the 01 in the timeline", () -> text(browser, "#timeline li[data-status='01']").contains("Trạng thái 01 — Đã đến")
                        && text(browser, "#trace-id").equals(DOCUMENT));
                String line = text(browser, "#timeline li[data-status='01']");
                assertTrue(line.contains("Trạng thái 01 — Đã đến"), line);
                String time = browser.attribute(browser.one("#timeline li[data-status='01'] time"), "datetime");
                assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00"), time);
                assertTrue(line.startsWith(time), line);
                assertEquals(DOCUMENT, browser.text(browser.one("#trace-id")));

                // the page's tables show what the JSON endpoints return (same session, taken from the browser)
                String cookie = null;
                for (JsonNode c : browser.cookies()) {
                    if (c.get("name").asText().equals(Sessions.COOKIE)) {
                        assertTrue(c.get("httpOnly").asBoolean(), c.toString());
                        assertEquals("Strict", c.get("sameSite").asText(), c.toString());
                        cookie = Sessions.COOKIE + "=" + c.get("value").asText();
                    }
                }
                assertNotNull(cookie, "the session cookie");
                JsonNode timeline = f.json("/dashboard/api/trace?documentId=" + DOCUMENT, cookie);
                assertEquals(timeline.size(), browser.all("#timeline li").size());
                JsonNode flows = f.json("/dashboard/api/flows", cookie);
                WebDriver.await("the flows table", () -> rowsQuietly(browser, "#flows tbody tr").size() == flows.size());
                List<String> rows = rowsQuietly(browser, "#flows tbody tr");
                assertEquals(flows.size(), rows.size());
                for (int i = 0; i < flows.size(); i++) {
                    JsonNode fl = flows.get(i);
                    assertEquals(fl.get("agency").asText() + " " + fl.get("name").asText() + " " + fl.get("sent").asInt() + " "
                            + fl.get("received").asInt() + " " + fl.get("refused").asInt(), rows.get(i));
                }
                assertTrue(rows.contains("000.00.13.H41 Sở Thông tin và Truyền thông tỉnh Nghệ An 1 0 0"), rows.toString());
                // the receiver does not answer: stuck after PT1S, on the page after its next refresh
                browser.open(f.base + "/dashboard");
                WebDriver.await("the stuck document", () -> rowsQuietly(browser, "#stuck tbody tr").stream()
                        .anyMatch(r -> r.startsWith(DOCUMENT) && r.contains("000.00.05.H41 01 — Đã đến")));

                browser.click("#logout");
                WebDriver.await("back at the login form", () -> url(browser).endsWith("/dashboard/login"));
                browser.open(f.base + "/dashboard");
                WebDriver.await("logged out", () -> url(browser).endsWith("/dashboard/login"));
            }
        }
    }

    static List<String> rows(WebDriver browser, String css) throws Exception {
        List<String> out = new ArrayList<>();
        for (String tr : browser.all(css)) out.add(browser.text(tr).replaceAll("\\s+", " ").strip());
        return out;
    }

    static List<String> rowsQuietly(WebDriver browser, String css) {
        try {
            return rows(browser, css);
        } catch (Exception e) {
            return List.of();
        }
    }

    static String url(WebDriver b) {
        try {
            return b.url();
        } catch (Exception e) {
            return "";
        }
    }

    static String text(WebDriver b, String css) {
        try {
            List<String> all = b.all(css);
            return all.isEmpty() ? "" : b.text(all.get(0));
        } catch (Exception e) {
            return "";
        }
    }
}
