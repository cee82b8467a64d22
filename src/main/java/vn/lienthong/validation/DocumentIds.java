package vn.lienthong.validation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Document id forms (mã văn bản). The provincial rule (seed 000, Điều 7.3, R2) is
 * {@code <org id>-YYYY.X} with X consecutive from 1 per organisation and year; real senders on the
 * national axis also write {@code <org id>,yyyy/MM/dd,<number>/<notation>} or a UUID.
 */
public final class DocumentIds {
    public enum Form { PROVINCIAL, NATIONAL, UUID, OTHER }

    private static final Pattern PROVINCIAL = Pattern.compile("([0-9A-Z.]+)-(\\d{4})\\.([1-9]\\d*)");
    private static final Pattern NATIONAL = Pattern.compile("([0-9A-Z.]+),(\\d{4}/\\d{2}/\\d{2}),(.+)");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT);

    private DocumentIds() { }

    public static Form form(String id) {
        if (id == null) return Form.OTHER;
        if (PROVINCIAL.matcher(id).matches()) return Form.PROVINCIAL;
        if (NATIONAL.matcher(id).matches()) return Form.NATIONAL;
        if (UUID.matcher(id).matches()) return Form.UUID;
        return Form.OTHER;
    }

    /** The organisation id a document id starts with, if it has one of the two structured forms. */
    public static Optional<String> organ(String id) {
        if (id == null) return Optional.empty();
        Matcher m = PROVINCIAL.matcher(id);
        if (m.matches()) return Optional.of(m.group(1));
        m = NATIONAL.matcher(id);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** For the national form: whether its date exists (real traffic carries 2014/02/30). */
    public static boolean hasImpossibleDate(String id) {
        Matcher m = id == null ? null : NATIONAL.matcher(id);
        if (m == null || !m.matches()) return false;
        try {
            LocalDate.parse(m.group(2), DATE);
            return false;
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** The provincial form for organisation {@code organ}, year and sequence number. */
    public static String provincial(String organ, int year, long number) {
        return organ + "-" + year + "." + number;
    }
}
