package vn.lienthong.flow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;

/** The status packets the gateway writes itself: 01 when a package is in a receiver's inbox, 02 when refused (R3, R4). */
public final class StatusPackets {
    private final EdxmlWriter writer = new EdxmlWriter();
    private final AgencyRegistry registry;
    private final Organization gateway;
    private final Clock clock;

    public StatusPackets(AgencyRegistry registry, Organization gateway, Clock clock) {
        this.registry = registry;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** 01 đã đến, on behalf of the receiver whose inbox now holds the document. */
    public byte[] arrived(String receiver, ResponseFor document, Integer incomingNumber) {
        String name = registry.find(receiver).map(a -> a.name()).orElse(receiver);
        String number = incomingNumber == null ? "" : ", số đến " + incomingNumber;
        return write(new StatusPacket(Organization.ofId(receiver, name), document, null, "01",
                "Đã đến - văn bản đã vào hộp thư đến của " + name + number + " / arrived in the receiver's inbox", now()));
    }

    /** 02 từ chối, from the gateway, with every reason a clerk needs to fix the package. */
    public byte[] refused(ResponseFor document, List<Finding> reasons) {
        String text = reasons.stream().map(Finding::sentence).collect(Collectors.joining("; "));
        return write(new StatusPacket(gateway, document, null, "02", text, now()));
    }

    private String now() {
        return VietnamTime.formatEdxml(VietnamTime.now(clock));
    }

    private Intake.GatewaySigner signer;

    /** With a key, the status packets the gateway builds are signed too (XML-DSig, R9). */
    public StatusPackets signingWith(Intake.GatewaySigner signer) {
        this.signer = signer;
        return this;
    }

    private byte[] write(StatusPacket s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            writer.writeStatus(s, out);
            return signer == null ? out.toByteArray() : signed(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] signed(byte[] packet) throws IOException {
        java.nio.file.Path in = java.nio.file.Files.createTempFile("status", ".edxml");
        java.nio.file.Path out = java.nio.file.Files.createTempFile("status-signed", ".edxml");
        try {
            java.nio.file.Files.write(in, packet);
            new vn.lienthong.signature.xml.XmlSigner().sign(in, out, signer.key(), signer.chain(), clock);
            return java.nio.file.Files.readAllBytes(out);
        } catch (vn.lienthong.signature.xml.XmlSigningException e) {
            throw new IOException("cannot sign a status packet: " + e.getMessage(), e);
        } finally {
            java.nio.file.Files.deleteIfExists(in);
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
