package vn.lienthong.adapter.rest;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body as curl -F sends it: text fields and file parts. */
final class Multipart {
    private final String boundary = "----lienthong" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A text field ({@code -F 'name=<file'} or {@code -F name=value}). */
    Multipart field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part ({@code -F name=@file;type=...}). */
    Multipart file(String name, String fileName, String type, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + type + "\r\n",
                content);
    }

    private Multipart part(String headers, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
    }
}
