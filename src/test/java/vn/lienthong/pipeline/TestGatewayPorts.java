package vn.lienthong.pipeline;

/** A free TCP port for a gateway started by a test. */
public final class TestGatewayPorts {
    private TestGatewayPorts() { }

    public static int free() {
        return TestGateway.freePort();
    }
}
