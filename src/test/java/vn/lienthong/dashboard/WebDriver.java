package vn.lienthong.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import vn.lienthong.pipeline.TestGatewayPorts;

/**
 * A small W3C WebDriver client over java.net.http, driving headless Chromium through {@code chromedriver}
 * (Debian packages {@code chromium} and {@code chromium-driver}); no browser-automation framework.
 */
final class WebDriver implements AutoCloseable {
    static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final String base;
    private final String session;

    /** The chromium and chromedriver executables, when installed. */
    static Optional<Path[]> installed() {
        Path browser = find("chromium", "chromium-browser", "google-chrome");
        Path chromedriver = find("chromedriver");
        return browser == null || chromedriver == null ? Optional.empty() : Optional.of(new Path[] {browser, chromedriver});
    }

    private static Path find(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String n : names) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    WebDriver(Path browser, Path chromedriver, Path profile) throws Exception {
        int port = TestGatewayPorts.free();
        driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        try {
            session = startSession(browser, profile);
        } catch (Exception | AssertionError e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    private String startSession(Path browser, Path profile) throws Exception {
        await("chromedriver ready", () -> {
            try {
                return call("GET", "/status", null).path("ready").asBoolean();
            } catch (Exception e) {
                return false;
            }
        });
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", browser.toString());
        options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu").add("--disable-dev-shm-usage")
                .add("--user-data-dir=" + profile).add("--window-size=1400,1000");
        ObjectNode caps = JSON.createObjectNode();
        caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome").set("goog:chromeOptions", options);
        return call("POST", "/session", caps).get("sessionId").asText();
    }

    JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(r.body()).path("value");
        if (r.statusCode() != 200) throw new IllegalStateException("WebDriver " + method + " " + path + ": " + r.statusCode() + " " + value);
        return value;
    }

    private String s(String path) {
        return "/session/" + session + path;
    }

    void open(String url) throws Exception {
        call("POST", s("/url"), JSON.createObjectNode().put("url", url));
    }

    String url() throws Exception {
        return call("GET", s("/url"), null).asText();
    }

    /** Element ids matching a CSS selector (possibly none). */
    List<String> all(String css) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode e : call("POST", s("/elements"), JSON.createObjectNode().put("using", "css selector").put("value", css))) {
            out.add(e.get(ELEMENT).asText());
        }
        return out;
    }

    /** Waits until an element matches, then returns it. */
    String one(String css) throws Exception {
        List<List<String>> found = new ArrayList<>();
        await(css, () -> {
            try {
                List<String> all = all(css);
                found.add(all);
                return !all.isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        return found.get(found.size() - 1).get(0);
    }

    void type(String css, String text) throws Exception {
        call("POST", s("/element/" + one(css) + "/value"), JSON.createObjectNode().put("text", text));
    }

    void click(String css) throws Exception {
        call("POST", s("/element/" + one(css) + "/click"), JSON.createObjectNode());
    }

    String text(String elementId) throws Exception {
        return call("GET", s("/element/" + elementId + "/text"), null).asText();
    }

    String attribute(String elementId, String name) throws Exception {
        return call("GET", s("/element/" + elementId + "/attribute/" + name), null).asText();
    }

    /** The browser's cookies, HttpOnly ones included. */
    JsonNode cookies() throws Exception {
        return call("GET", s("/cookie"), null);
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) call("DELETE", s(""), null);
        } catch (Exception ignored) {
            // the driver is stopped below anyway
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
            } catch (InterruptedException e) {
                driver.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
