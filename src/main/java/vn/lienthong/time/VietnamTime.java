package vn.lienthong.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * Vietnam time (giờ Việt Nam, UTC+07:00) and the two text forms the gateway uses.
 *
 * <p>R8: all times exchanged are ISO 8601 in Vietnam time and carry date, hour, minute, second and
 * zone (thời gian thống nhất theo múi giờ Việt Nam, tiêu chuẩn ISO 8601). Vietnam has no daylight
 * saving time, so the zone is the fixed offset +07:00.
 *
 * <ul>
 *   <li>ISO form: {@code yyyy-MM-dd'T'HH:mm:ssXXX}, e.g. {@code 2026-11-21T09:15:00+07:00}. Seconds
 *       are always present; fractions of a second are dropped (truncated, not rounded).</li>
 *   <li>edXML form: {@code yyyy/MM/dd HH:mm:ss} without zone, meaning +07:00, and the date-only
 *       form {@code yyyy/MM/dd}. Parsing is strict: {@code 2014/02/30} or {@code 24:00:00} is
 *       rejected with {@link DateTimeParseException}.</li>
 * </ul>
 */
public final class VietnamTime {

    /** The Vietnam offset, +07:00 (fixed, no DST). */
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(7);

    /** ISO 8601 with offset, seconds always present, no fraction. */
    public static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withResolverStyle(ResolverStyle.STRICT);

    /** edXML date-time, local Vietnam time without zone. */
    public static final DateTimeFormatter EDXML_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    /** edXML date. */
    public static final DateTimeFormatter EDXML_DATE =
            DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT);

    private VietnamTime() {
    }

    /** The current time in +07:00. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZONE);
    }

    /** The current time in the +07:00 zone. */
    public static ZonedDateTime nowZoned(Clock clock) {
        return ZonedDateTime.now(clock.withZone(ZONE));
    }

    /** The same instant expressed in +07:00. */
    public static OffsetDateTime inVietnam(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZONE);
    }

    /** The same instant expressed in +07:00. */
    public static OffsetDateTime inVietnam(Instant instant) {
        return instant.atOffset(ZONE);
    }

    /** ISO 8601 text in +07:00, e.g. {@code 2026-11-21T09:15:00+07:00}; any other offset is converted first. */
    public static String iso(OffsetDateTime time) {
        return ISO.format(inVietnam(time).truncatedTo(ChronoUnit.SECONDS));
    }

    /** ISO 8601 text in +07:00 of an instant. */
    public static String iso(Instant instant) {
        return iso(inVietnam(instant));
    }

    /**
     * Parses an edXML date-time {@code yyyy/MM/dd HH:mm:ss} (Vietnam local time) strictly.
     *
     * @throws DateTimeParseException if the text does not match or is not a real date/time
     */
    public static OffsetDateTime parseEdxml(String text) {
        return LocalDateTime.parse(text.strip(), EDXML_DATE_TIME).atOffset(ZONE);
    }

    /**
     * Parses an edXML date {@code yyyy/MM/dd} strictly.
     *
     * @throws DateTimeParseException if the text does not match or is not a real date
     */
    public static LocalDate parseEdxmlDate(String text) {
        return LocalDate.parse(text.strip(), EDXML_DATE);
    }

    /** edXML text {@code yyyy/MM/dd HH:mm:ss} of the instant in +07:00 (fraction dropped). */
    public static String formatEdxml(OffsetDateTime time) {
        return EDXML_DATE_TIME.format(inVietnam(time));
    }

    /** edXML text {@code yyyy/MM/dd}. */
    public static String formatEdxmlDate(LocalDate date) {
        return EDXML_DATE.format(date);
    }
}
