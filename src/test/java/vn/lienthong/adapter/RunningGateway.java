package vn.lienthong.adapter;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.pipeline.TestGatewayAccess;

/**
 * Base of the adapter tests that call a real gateway from outside: a fresh installation in a temporary home per test,
 * started before and closed after it, free HTTP and SOAP ports, and an HTTP client.
 */
public abstract class RunningGateway {
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir protected Path home;
    protected TestGatewayAccess gw;

    @BeforeEach
    void startGateway() throws Exception {
        gw = TestGatewayAccess.start(home);
    }

    @AfterEach
    void stopGateway() throws Exception {
        gw.close();
    }

    /** {@code path} on the gateway's HTTP port, e.g. {@code /api/v1/documents}. */
    protected String httpUrl(String path) {
        return "http://127.0.0.1:" + gw.httpPort() + path;
    }

    /** The SOAP service's address. */
    protected String soapAddress() {
        return "http://127.0.0.1:" + gw.soapPort() + "/soap/lienthong";
    }
}
