package vn.lienthong.adapter.rest;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.pipeline.TestGatewayAccess;

/**
 * Files submitted as a form are bounded by validation.max-package-bytes: a request larger than it is cut off by the
 * server, and files whose package (base64, a third larger) would exceed it are refused with E103, before anything is built.
 */
class UploadLimitTest {
    @TempDir Path home;

    @Test
    void filesThatWouldMakeTooLargeAPackageAreRefused() throws Exception {
        try (TestGatewayAccess gw = TestGatewayAccess.start(home, h -> {
            Path settings = h.resolve("config/gateway.yaml");
            Files.writeString(settings, Files.readString(settings).replace("max-package-bytes: 536870912", "max-package-bytes: 400000"));
        })) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String url = "http://127.0.0.1:" + gw.httpPort() + "/api/v1/documents";
            byte[] text = new byte[300_000];
            Arrays.fill(text, (byte) 'a');
            Multipart form = new Multipart().field("metadata", DocumentFormTest.JSON.writeValueAsString(DocumentFormTest.metadata("000.00.45.H41-2026.70")))
                    .file("file", "a.txt", "text/plain", text);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer demo-token-vinh")
                    .header("Content-Type", form.contentType()).POST(form.publisher()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.body().contains("E103"), r.body());

            Multipart huge = new Multipart().field("metadata", "{}").file("file", "b.txt", "text/plain", new byte[600_000]);
            HttpResponse<String> cut = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer demo-token-vinh")
                    .header("Content-Type", huge.contentType()).POST(huge.publisher()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, cut.statusCode());
            assertEquals(0L, ((Number) gw.sql("SELECT COUNT(*) FROM package")).longValue());
        }
    }
}
