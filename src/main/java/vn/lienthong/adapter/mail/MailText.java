package vn.lienthong.adapter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text as Vietnamese mail really arrives: RFC 2047 encoded words (B and Q, UTF-8 split across
 * adjacent words by some clients, words glued to text by others), raw 8-bit UTF-8 headers
 * (RFC 6532), bodies in quoted-printable or base64 with or without a charset, HTML-only bodies.
 * Everything returned is Unicode NFC.
 */
public final class MailText {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    /** The most body text read from one part: a convention body is a few lines. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private MailText() { }

    /**
     * Decodes a raw header value: unfolds it, repairs raw UTF-8 read as ISO-8859-1, decodes every
     * encoded word (leniently: also inside words, adjacent words of one charset joined before
     * decoding so a character split between them survives), and NFC-normalises.
     */
    public static String decodeHeader(String raw) {
        if (raw == null) return null;
        String s = repairUtf8(MimeUtility.unfold(raw));
        StringBuilder out = new StringBuilder(s.length());
        Matcher m = ENCODED_WORD.matcher(s);
        int last = 0;
        ByteArrayOutputStream pending = null;
        String pendingCharset = null;
        while (m.find()) {
            String between = s.substring(last, m.start());
            String charset = m.group(1);
            int star = charset.indexOf('*'); // RFC 2231 language suffix: =?UTF-8*vi?Q?...?=
            if (star >= 0) charset = charset.substring(0, star);
            byte[] bytes;
            try {
                bytes = "B".equalsIgnoreCase(m.group(2)) ? Base64.getMimeDecoder().decode(m.group(3)) : q(m.group(3));
            } catch (IllegalArgumentException e) {
                bytes = null;
            }
            boolean joins = pending != null && between.isBlank() && bytes != null && charset.equalsIgnoreCase(pendingCharset);
            if (!joins) {
                if (pending != null) out.append(decode(pending.toByteArray(), pendingCharset));
                pending = null;
                // whitespace between two encoded words is not text (RFC 2047 §6.2)
                if (!(between.isBlank() && last > 0)) out.append(between);
            }
            if (bytes == null) {
                out.append(m.group());
            } else {
                if (pending == null) pending = new ByteArrayOutputStream();
                pending.writeBytes(bytes);
                pendingCharset = charset;
            }
            last = m.end();
        }
        if (pending != null) out.append(decode(pending.toByteArray(), pendingCharset));
        out.append(s.substring(last));
        return nfc(out.toString());
    }

    /** RFC 2047 Q encoding: {@code _} is a space, {@code =XX} a byte. */
    private static byte[] q(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                b.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                b.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '=') {
                throw new IllegalArgumentException("truncated =XX");
            } else {
                b.write(c);
            }
        }
        return b.toByteArray();
    }

    static String decode(byte[] bytes, String charset) {
        return new String(bytes, charset(charset));
    }

    /** A Java charset for a MIME charset name, UTF-8 when unknown. */
    static Charset charset(String mimeName) {
        if (mimeName == null || mimeName.isBlank()) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(MimeUtility.javaCharset(mimeName.strip()));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * Jakarta Mail reads header bytes as ISO-8859-1: a raw UTF-8 header ({@code Công văn} sent
     * unencoded, RFC 6532) arrives as {@code CÃ´ng vÄ\u0083n}. If the text is all in that range and
     * its bytes are valid UTF-8, the UTF-8 reading is the right one.
     */
    static String repairUtf8(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) return s;
            if (c >= 0x80) high = true;
        }
        if (!high) return s;
        return strictUtf8(s.getBytes(StandardCharsets.ISO_8859_1)).orElse(s);
    }

    private static java.util.Optional<String> strictUtf8(byte[] bytes) {
        try {
            return java.util.Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The text of a text/* part, transfer encoding (quoted-printable, base64) undone, decoded with
     * its declared charset; without a charset, or with {@code us-ascii} over 8-bit bytes, UTF-8 if
     * the bytes are valid UTF-8, else windows-1258 (the Vietnamese Windows code page). At most
     * {@link #MAX_BODY_BYTES} are read. HTML is turned into plain lines.
     */
    public static String bodyText(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES);
        }
        String declared = null;
        try {
            declared = new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            // unparsable Content-Type: guess below
        }
        String text;
        boolean ascii = declared == null || declared.isBlank() || declared.equalsIgnoreCase("us-ascii");
        if (ascii) {
            text = strictUtf8(bytes).orElseGet(() -> new String(bytes, charset("windows-1258")));
        } else {
            text = decode(bytes, declared);
        }
        if (part.isMimeType("text/html")) text = htmlToText(text);
        return nfc(text.replace("\r\n", "\n").replace('\r', '\n'));
    }

    private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|tr|li|h[1-6]|table|blockquote)\\s*>|<(p|div|tr|li)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,10});");
    private static final Map<String, Integer> ENTITIES = new HashMap<>();

    static {
        ENTITIES.put("amp", 38);
        ENTITIES.put("lt", 60);
        ENTITIES.put("gt", 62);
        ENTITIES.put("quot", 34);
        ENTITIES.put("apos", 39);
        ENTITIES.put("ndash", 0x2013);
        ENTITIES.put("mdash", 0x2014);
        ENTITIES.put("hellip", 0x2026);
        // HTML 4 Latin-1 names, code points 160..255 in order (Vietnamese editors write &ocirc;, &agrave;, ...)
        String[] latin1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 "
                + "acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring "
                + "AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times "
                + "Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave "
                + "eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute "
                + "ucirc uuml yacute thorn yuml").split(" ");
        for (int i = 0; i < latin1.length; i++) ENTITIES.put(latin1[i], 160 + i);
    }

    /** Plain lines from HTML: blocks and {@code <br>} become line ends, tags go, entities are decoded. */
    public static String htmlToText(String html) {
        String s = COMMENT.matcher(html).replaceAll("");
        s = SCRIPT.matcher(s).replaceAll("");
        s = s.replaceAll("\\s*\\n\\s*", " ");
        s = BREAK.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            String e = m.group(1);
            Integer cp;
            if (e.startsWith("#x") || e.startsWith("#X")) cp = Integer.parseInt(e.substring(2), 16);
            else if (e.startsWith("#")) cp = Integer.parseInt(e.substring(1));
            else cp = ENTITIES.get(e);
            String rep = cp == null || !Character.isValidCodePoint(cp) ? m.group() : new String(Character.toChars(cp == 160 ? 32 : cp));
            m.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * A label folded for matching: NFC, diacritics removed ({@code đ} → {@code d}), lower case,
     * runs of spaces collapsed. {@code "Ngày  ban hành"} and {@code "ngay ban hanh"} fold the same.
     */
    public static String fold(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        d = d.replace('đ', 'd').replace('Đ', 'D');
        return d.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
