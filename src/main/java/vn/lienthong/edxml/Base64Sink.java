package vn.lienthong.edxml;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Decodes base64 text handed in chunk by chunk and streams the bytes to an output stream, so an
 * attachment of any size passes through a few kilobytes of memory. Whitespace is skipped; any
 * other character outside the alphabet marks the content invalid (and stops writing).
 */
final class Base64Sink implements AutoCloseable {
    private static final int QUANTA = 3072; // multiple of 4
    private final OutputStream out;
    private final byte[] in = new byte[QUANTA];
    private final byte[] decoded = new byte[QUANTA / 4 * 3];
    private int filled;
    private boolean padded;
    private boolean valid = true;
    private long written;

    Base64Sink(OutputStream out) {
        this.out = out;
    }

    void accept(char[] ch, int start, int length) throws IOException {
        for (int i = start; i < start + length && valid; i++) {
            char c = ch[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
            boolean alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (c == '=') {
                padded = true;
            } else if (!alpha || padded) {
                valid = false;
                return;
            }
            in[filled++] = (byte) c;
            if (filled == QUANTA) flushFull();
        }
    }

    private void flushFull() throws IOException {
        int n = Base64.getDecoder().decode(java.util.Arrays.copyOf(in, filled), decoded);
        out.write(decoded, 0, n);
        written += n;
        filled = 0;
    }

    /** Decodes what is left; returns whether the whole content was valid base64. */
    boolean finish() throws IOException {
        if (valid && filled > 0) {
            try {
                byte[] rest = Base64.getDecoder().decode(java.util.Arrays.copyOf(in, filled));
                out.write(rest);
                written += rest.length;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            filled = 0;
        }
        return valid;
    }

    long written() { return written; }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
