package vn.lienthong.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienthong.time.VietnamTime;

/**
 * The period a report covers (kỳ báo cáo, R17): whole days in Vietnam time, {@code from} and {@code to}
 * both included. Six-monthly reports (báo cáo 6 tháng) are {@code 2026-H1} (1 January – 30 June) and
 * {@code 2026-H2} (1 July – 31 December); yearly reports (báo cáo năm) the calendar year.
 */
public record Period(LocalDate from, LocalDate to, String label) {
    private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");

    public Period {
        if (to.isBefore(from)) throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
    }

    public static Period between(LocalDate from, LocalDate to) {
        return new Period(from, to, from + " – " + to);
    }

    /** {@code 2026-H1} or {@code 2026-H2}. */
    public static Period half(String text) {
        Matcher m = HALF.matcher(text.strip().toUpperCase());
        if (!m.matches()) throw new IllegalArgumentException("a half year is written like 2026-H1 or 2026-H2, not '" + text + "'");
        int year = Integer.parseInt(m.group(1));
        boolean first = m.group(2).equals("1");
        return new Period(LocalDate.of(year, first ? 1 : 7, 1), LocalDate.of(year, first ? 6 : 12, first ? 30 : 31),
                year + "-H" + m.group(2));
    }

    public static Period year(int year) {
        return new Period(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Integer.toString(year));
    }

    /** A date as {@code 2026-01-31} (ISO) or {@code 2026/01/31} (edXML). */
    public static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip().replace('/', '-'));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date like 2026-01-31");
        }
    }

    /** The first instant of the period (00:00 +07:00 of {@code from}). */
    public OffsetDateTime start() {
        return from.atStartOfDay().atOffset(VietnamTime.ZONE);
    }

    /** The first instant after the period (00:00 +07:00 of the day after {@code to}). */
    public OffsetDateTime end() {
        return to.plusDays(1).atStartOfDay().atOffset(VietnamTime.ZONE);
    }
}
