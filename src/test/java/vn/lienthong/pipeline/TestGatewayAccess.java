package vn.lienthong.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import vn.lienthong.tracking.Jdbc;

/** {@link TestGateway} for tests in other packages (adapters): a real gateway, its folders, its store. */
public final class TestGatewayAccess implements AutoCloseable {
    private final TestGateway gw;

    private TestGatewayAccess(TestGateway gw) {
        this.gw = gw;
    }

    public static TestGatewayAccess start(Path home) throws Exception {
        return new TestGatewayAccess(new TestGateway(home, null));
    }

    /** Changes the installation (config, routes) before the gateway starts. */
    public interface SetUp {
        void apply(Path home) throws Exception;
    }

    public static TestGatewayAccess start(Path home, SetUp setUp) throws Exception {
        return new TestGatewayAccess(new TestGateway(home, null, setUp::apply));
    }

    /** A gateway on another database (e.g. a PostgreSQL database the test created), {@code null} for H2. */
    public static TestGatewayAccess start(Path home, String databaseUrl, SetUp setUp) throws Exception {
        return new TestGatewayAccess(new TestGateway(home, databaseUrl, setUp::apply));
    }

    public int httpPort() {
        return gw.httpPort();
    }

    /** The SOAP adapter's port (a free one, per test gateway). */
    public int soapPort() {
        return gw.soapPort();
    }

    public CamelContext camel() {
        return gw.gateway.camel();
    }

    public void drop(String agency, String name, byte[] content) throws Exception {
        gw.drop(agency, name, content);
    }

    /** Waits until a file of the agency's folder contains {@code text}. */
    public void awaitFile(String agency, String folder, String text) throws InterruptedException {
        TestGateway.await(text + " in " + agency + "/" + folder, () -> gw.files(agency, folder, ".edxml").stream()
                .anyMatch(p -> TestGateway.read(p).contains(text)));
    }

    @SuppressWarnings("unchecked")
    public <T> T sql(String query, Object... args) {
        return gw.gateway.store().inTransaction(c -> Jdbc.one(c, query, rs -> (T) rs.getObject(1), args).orElse(null));
    }

    public vn.lienthong.tracking.TrackingStore store() {
        return gw.gateway.store();
    }

    @Override
    public void close() throws Exception {
        gw.close();
    }
}
