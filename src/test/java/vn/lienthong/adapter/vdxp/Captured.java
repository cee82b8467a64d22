package vn.lienthong.adapter.vdxp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The captures of VDXP-PROTOCOL.md §4, copied verbatim into src/test/resources/vdxp/. */
final class Captured {
    static final String SYSTEM = "000.00.00.H12";
    static final String SECRET = "test-secret";
    static final String OTHER_SYSTEM = "000.00.01.H12";
    static final String OTHER_SECRET = "other-secret";

    /** The doc's made-up credentials plus a second agency. */
    static final Function<String, Optional<String>> SECRETS =
            id -> Optional.ofNullable(Map.of(SYSTEM, SECRET, OTHER_SYSTEM, OTHER_SECRET).get(id));

    static final String SEND_EDOC = "sendEdoc.request.http";
    static final String GET_RECEIVED = "getReceivedEdocList.request.http";

    /** §4: SHA-256 of the 350-byte file of the sendEdoc capture (the file itself is not in the doc). */
    static final String SEND_EDOC_FILE_SHA256 = "89d172a801427f8de14f771e30a588fe0e009e5455c883c5d8aef1b927fc5a20";

    final String method;
    final String path;
    final List<VdxpHeader> headers;

    private Captured(String method, String path, List<VdxpHeader> headers) {
        this.method = method;
        this.path = path;
        this.headers = headers;
    }

    static String resource(String name) {
        try (InputStream in = Captured.class.getResourceAsStream("/vdxp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request line and header lines up to the blank line; "Name: value" split at the first ": ". */
    static Captured load(String name) {
        String[] lines = resource(name).split("\n", -1);
        String[] requestLine = lines[0].split(" ");
        List<VdxpHeader> headers = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(": ");
            headers.add(new VdxpHeader(lines[i].substring(0, colon), lines[i].substring(colon + 2)));
        }
        return new Captured(requestLine[0], requestLine[1], List.copyOf(headers));
    }

    String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(VdxpHeader::value).findFirst()
                .orElseThrow();
    }

    VdxpRequest request(byte[] body) {
        return VdxpRequest.of(method, path, headers, body);
    }

    /** The same request with its header lines transformed (null drops a line). */
    VdxpRequest request(UnaryOperator<VdxpHeader> edit, byte[] body) {
        List<VdxpHeader> out = new ArrayList<>();
        for (VdxpHeader h : headers) {
            VdxpHeader e = edit.apply(h);
            if (e != null) {
                out.add(e);
            }
        }
        return VdxpRequest.of(method, path, out, body);
    }

    /** A header list with one value replaced. */
    static UnaryOperator<VdxpHeader> replace(String name, String value) {
        return h -> h.name().equalsIgnoreCase(name) ? new VdxpHeader(h.name(), value) : h;
    }

    static UnaryOperator<VdxpHeader> drop(String name) {
        return h -> h.name().equalsIgnoreCase(name) ? null : h;
    }

    /** A stand-in for the capture's file: any 350 bytes, since the doc does not reproduce it. */
    static byte[] placeholderFile() {
        byte[] b = new byte[350];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    static byte[] withCrlf(byte[] file) {
        byte[] b = new byte[file.length + 2];
        System.arraycopy(file, 0, b, 0, file.length);
        b[b.length - 2] = '\r';
        b[b.length - 1] = '\n';
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
