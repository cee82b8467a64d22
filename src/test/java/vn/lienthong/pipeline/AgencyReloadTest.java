package vn.lienthong.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.pipeline.TestGateway.SENDER;
import static vn.lienthong.pipeline.TestGateway.await;
import static vn.lienthong.pipeline.TestGateway.demo;
import static vn.lienthong.pipeline.TestGateway.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IT staff connect a new agency while the gateway runs: no rebuild, no restart (issue 4, part 7). */
class AgencyReloadTest {
    static final String NEW = "000.00.07.H41";
    @TempDir
    Path home;
    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        gw = new TestGateway(home, null);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
    }

    @Test
    void agencyAddedToTheRegistryAndGivenARouteFileReceivesWithoutRestart() throws Exception {
        String toNew = demo("000.00.13.H41-2026.71").replace("000.00.05.H41", NEW);
        gw.drop(SENDER, "before.edxml", toNew.getBytes(StandardCharsets.UTF_8));
        await("refused: not registered yet", () -> Files.exists(gw.folder(SENDER, "outbox").resolve(".error/before.edxml")));

        Path agencies = home.resolve("config/agencies.yaml");
        Files.writeString(agencies, Files.readString(agencies) + """
                  - id: 000.00.07.H41
                    name: Sở Tài chính tỉnh Nghệ An
                    email: stc@nghean.gov.vn
                """);
        Files.writeString(home.resolve("routes/agency-000_00_07_H41.yaml"), """
                - templatedRoute:
                    routeTemplateRef: file-pickup
                    routeId: "file-pickup-000.00.07.H41"
                    parameters:
                      - name: agency
                        value: "000.00.07.H41"
                - templatedRoute:
                    routeTemplateRef: file-drop
                    routeId: "file-drop-000.00.07.H41"
                    parameters:
                      - name: agency
                        value: "000.00.07.H41"
                """);
        await("the new agency's routes are running", () -> gw.gateway.camel().getRoute("file-drop-" + NEW) != null);
        Thread.sleep(3500); // the registry is looked at every 3 s
        gw.drop(SENDER, "after.edxml", demo("000.00.13.H41-2026.72").replace("000.00.05.H41", NEW).getBytes(StandardCharsets.UTF_8));
        await("delivered to the new agency", () -> gw.files(NEW, "inbox", ".edxml").size() == 1);
        assertTrue(read(gw.files(NEW, "inbox", ".edxml").get(0)).contains("000.00.13.H41-2026.72"));

        // its system gets a REST token in the credentials file: usable at once
        var http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gw.httpPort()
                + "/observe/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("queue=\"lienthong.agency.000.00.07.H41\""), "the new agency's queue depth is watched");
        var list = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gw.httpPort() + "/api/v1/documents"))
                .header("Authorization", "Bearer token-stc-moi").GET().build();
        assertTrue(http.send(list, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 401, "not yet known");
        Path credentials = home.resolve("config/demo-credentials.yaml");
        Files.writeString(credentials, Files.readString(credentials).replaceFirst("(?m)^credentials:\\n",
                "credentials:\n  - agency: 000.00.07.H41\n    rest-token: token-stc-moi\n"));
        await("the new token works", () -> {
            try {
                return http.send(list, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void brokenRegistryEditIsReportedAndTheGatewayKeepsItsAgencies() throws Exception {
        Path agencies = home.resolve("config/agencies.yaml");
        Files.writeString(agencies, Files.readString(agencies) + "  - id: 7.H41\n    name: sai\n");
        Thread.sleep(3500);
        gw.drop(SENDER, "still.edxml", demo("000.00.13.H41-2026.73").getBytes(StandardCharsets.UTF_8));
        await("still delivered to a registered agency", () -> gw.files(TestGateway.RECEIVER, "inbox", ".edxml").size() == 1);
    }

    @Test
    void brokenRouteFileKeepsTheAgencyRunningAndARemovedOneStopsIt() throws Exception {
        Path file = home.resolve("routes/agency-000_00_05_H41.yaml");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("routeTemplateRef: file-drop", "routeTemplateRef: no-such-template"));
        Thread.sleep(2500);
        assertTrue(gw.gateway.camel().getRoute("file-drop-" + TestGateway.RECEIVER) != null, "the routes made before keep running");
        gw.drop(SENDER, "kept.edxml", demo("000.00.13.H41-2026.74").getBytes(StandardCharsets.UTF_8));
        await("still delivered", () -> gw.files(TestGateway.RECEIVER, "inbox", ".edxml").size() == 1);

        Files.delete(file);
        await("the removed file's routes are stopped", () -> gw.gateway.camel().getRoute("file-drop-" + TestGateway.RECEIVER) == null
                && gw.gateway.camel().getRoute("file-pickup-" + TestGateway.RECEIVER) == null);
    }
}
