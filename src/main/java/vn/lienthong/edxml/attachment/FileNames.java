package vn.lienthong.edxml.attachment;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Safe file names for attachments and for files unpacked from ZIP containers.
 *
 * <p>{@link #sanitise(String)} always returns a single, non-empty path element that is safe on
 * Linux and Windows: it can never contain a separator or {@code ..}, so resolving it against a
 * directory can never leave that directory. Vietnamese names survive (NFC-normalised).
 */
public final class FileNames {

    /** What {@link #sanitise(String)} returns when nothing usable is left. */
    public static final String FALLBACK = "attachment";
    /** Maximum length of a sanitised name, in Unicode code points. */
    public static final int MAX_CHARS = 150;
    /**
     * Maximum length of a sanitised name in UTF-8 bytes. Most file systems allow 255 bytes; a
     * Vietnamese letter such as "ế" takes 3 bytes, so 150 characters could reach 450 bytes. The
     * margin leaves room for a uniqueness suffix such as " (12)".
     */
    public static final int MAX_UTF8_BYTES = 240;
    /** Extensions longer than this are not treated as extensions when shortening. */
    private static final int MAX_EXTENSION_CHARS = 16;

    private static final Set<String> WINDOWS_RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
            "CONIN$", "CONOUT$", "CLOCK$");

    private FileNames() {}

    /**
     * Turns a declared or zip-entry name into a safe file name (one path element).
     * <ul>
     *   <li>NFC-normalises (decomposed Vietnamese becomes precomposed; text is otherwise kept);</li>
     *   <li>keeps only the part after the last {@code /} or {@code \};</li>
     *   <li>removes control and invisible format characters (including bidi overrides that
     *       disguise extensions), and {@code < > : " | ? *};</li>
     *   <li>collapses runs of dots to one dot (so {@code ..} never survives), drops leading dots
     *       and spaces and trailing dots and spaces;</li>
     *   <li>prefixes Windows reserved device names ({@code CON}, {@code NUL}, {@code COM1}, ...)
     *       with {@code _};</li>
     *   <li>shortens to {@value #MAX_CHARS} characters and {@value #MAX_UTF8_BYTES} UTF-8 bytes,
     *       keeping the extension;</li>
     *   <li>returns {@value #FALLBACK} if nothing is left.</li>
     * </ul>
     */
    public static String sanitise(String declaredName) {
        if (declaredName == null) return FALLBACK;
        String s = Normalizer.normalize(declaredName, Normalizer.Form.NFC);
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        if (cut >= 0) s = s.substring(cut + 1);

        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (isUnwanted(cp)) return;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) cp = ' ';
            b.appendCodePoint(cp);
        });
        s = b.toString()
                .replaceAll("\\.{2,}", ".")
                .replaceAll(" {2,}", " ");
        s = trim(s);
        if (s.isEmpty()) return FALLBACK;

        if (isWindowsReserved(s)) s = "_" + s;
        s = trim(shorten(s));
        return s.isEmpty() ? FALLBACK : s;
    }

    /**
     * Says what is hostile about a raw name, if anything: path traversal ({@code ..} as a path
     * segment), an absolute path ({@code /x}, {@code \x}, {@code C:x}, UNC), control characters,
     * or a name with nothing usable in it. Directory parts and characters that are merely
     * illegal on Windows are not hostile: {@link #sanitise(String)} handles them silently.
     */
    public static Optional<String> problem(String rawName) {
        if (rawName == null || rawName.isEmpty()) return Optional.of("the name is empty");
        if (rawName.chars().anyMatch(c -> c == 0)) return Optional.of("the name contains a NUL character");
        if (rawName.codePoints().anyMatch(Character::isISOControl)) return Optional.of("the name contains control characters");
        if (rawName.startsWith("/") || rawName.startsWith("\\")) return Optional.of("the name is an absolute path");
        if (rawName.length() >= 2 && rawName.charAt(1) == ':' && isAsciiLetter(rawName.charAt(0))) {
            return Optional.of("the name starts with a drive letter");
        }
        for (String segment : rawName.split("[/\\\\]", -1)) {
            if (segment.strip().equals("..")) return Optional.of("the name climbs out of its folder (..)");
        }
        String last = rawName.substring(Math.max(rawName.lastIndexOf('/'), rawName.lastIndexOf('\\')) + 1);
        if (sanitise(last).equals(FALLBACK) && !last.equals(FALLBACK)) {
            return Optional.of("the name has no usable characters");
        }
        return Optional.empty();
    }

    /** The extension without the dot, lower case, or "" if none. */
    public static String extension(String name) {
        if (name == null) return "";
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String last = name.substring(slash + 1).strip();
        int dot = last.lastIndexOf('.');
        if (dot <= 0 || dot == last.length() - 1) return "";
        return last.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** A name made safe for a log line or a finding's detail: no control chars, bounded length. */
    public static String display(String name) {
        if (name == null) return "(no name)";
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> b.appendCodePoint(isInvisible(cp) ? '?' : cp));
        String s = b.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Control characters and invisible or unassigned code points (bidi overrides, zero-width, ...). */
    private static boolean isInvisible(int cp) {
        if (Character.isISOControl(cp)) return true;
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isUnwanted(int cp) {
        return isInvisible(cp) || cp == '<' || cp == '>' || cp == ':' || cp == '"' || cp == '|' || cp == '?' || cp == '*'
                || cp == '/' || cp == '\\';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Drops leading dots and spaces and trailing dots and spaces. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ')) start++;
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) end--;
        return s.substring(start, end);
    }

    private static boolean isWindowsReserved(String s) {
        int dot = s.indexOf('.');
        String base = (dot < 0 ? s : s.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        return WINDOWS_RESERVED.contains(base);
    }

    private static String shorten(String s) {
        if (fits(s)) return s;
        int dot = s.lastIndexOf('.');
        String ext = "";
        String base = s;
        if (dot > 0 && s.length() - dot - 1 <= MAX_EXTENSION_CHARS) {
            ext = s.substring(dot);
            base = s.substring(0, dot);
        }
        int[] cps = base.codePoints().toArray();
        int extChars = ext.codePointCount(0, ext.length());
        int n = Math.min(cps.length, Math.max(0, MAX_CHARS - extChars));
        while (n > 0) {
            String candidate = trim(new String(cps, 0, n)) + ext;
            if (fits(candidate)) return candidate;
            n--;
        }
        // only the extension fits (or not even that): fall back to a cut of the whole string
        int[] all = s.codePoints().toArray();
        int m = Math.min(all.length, MAX_CHARS);
        while (m > 0 && !fits(new String(all, 0, m))) m--;
        return new String(all, 0, m);
    }

    private static boolean fits(String s) {
        return s.codePointCount(0, s.length()) <= MAX_CHARS
                && s.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
    }
}
