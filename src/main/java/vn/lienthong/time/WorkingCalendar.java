package vn.lienthong.time;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The working calendar of state agencies (lịch làm việc của cơ quan hành chính nhà nước): office
 * hours (giờ hành chính) as working periods of the day, weekly days off (ngày nghỉ hằng tuần),
 * public holidays (ngày nghỉ lễ, Tết — including substitute days off, nghỉ bù, and swapped days,
 * nghỉ hoán đổi, listed explicitly) and make-up working days (ngày làm bù).
 *
 * <p>Used for R7 (official receipt time outside office hours = start of the next working period)
 * and R10 (send deadline 12:00 of the next working day). All times are Vietnam time +07:00 (R8);
 * an {@link OffsetDateTime} in another offset is converted before its date and time are read.
 *
 * <p>Loaded from YAML ({@link #load(Path)}); the format is described at the top of
 * {@code config/calendar.yaml}:
 * <pre>
 * officeHours:    [ {start: "07:30", end: "11:30"}, {start: "13:30", end: "17:00"} ]
 * weeklyDaysOff:  [ SATURDAY, SUNDAY ]
 * holidays:       [ {date: 2026-04-30, name: "..."}, {from: 2026-02-14, to: 2026-02-22, name: "..."} ]
 * makeUpWorkingDays: [ {date: 2026-01-10, name: "..."} ]
 * </pre>
 * A period is {@code [start, end)}: 07:30:00 is inside, 17:00:00 is outside.
 */
public final class WorkingCalendar {

    /** One working period of the day, {@code [start, end)} in Vietnam local time. */
    public record WorkingPeriod(LocalTime start, LocalTime end) {
        public WorkingPeriod {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("working period must start before it ends: " + start + "-" + end);
            }
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }

    /** A holiday (or nghỉ bù / hoán đổi day) covering {@code from..to} inclusive. */
    public record Holiday(LocalDate from, LocalDate to, String name) {
        public Holiday {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("holiday ends before it starts: " + name);
            }
        }

        public static Holiday on(LocalDate date, String name) {
            return new Holiday(date, date, name);
        }
    }

    /** A make-up working day (ngày làm bù), usually a Saturday worked in exchange for a day off. */
    public record MakeUpDay(LocalDate date, String name) {
        public MakeUpDay {
            Objects.requireNonNull(date, "date");
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final List<WorkingPeriod> periods;
    private final Set<DayOfWeek> weeklyDaysOff;
    private final Map<LocalDate, Holiday> holidayByDate = new HashMap<>();
    private final Map<LocalDate, MakeUpDay> makeUpByDate = new HashMap<>();

    /**
     * @throws IllegalArgumentException if there is no period, periods overlap, every day of the
     *     week is off, or a date is both a holiday and a make-up day
     */
    public WorkingCalendar(List<WorkingPeriod> officeHours, Set<DayOfWeek> weeklyDaysOff,
                           List<Holiday> holidays, List<MakeUpDay> makeUpDays) {
        this.periods = officeHours.stream().sorted(Comparator.comparing(WorkingPeriod::start)).toList();
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("officeHours must list at least one working period");
        }
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods overlap: " + periods.get(i - 1) + ", " + periods.get(i));
            }
        }
        this.weeklyDaysOff = weeklyDaysOff.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weeklyDaysOff);
        if (this.weeklyDaysOff.size() == DayOfWeek.values().length) {
            throw new IllegalArgumentException("every day of the week is a day off");
        }
        for (Holiday h : holidays) {
            for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                holidayByDate.putIfAbsent(d, h);
            }
        }
        for (MakeUpDay m : makeUpDays) {
            if (holidayByDate.containsKey(m.date())) {
                throw new IllegalArgumentException("date is both a holiday and a make-up working day: " + m.date());
            }
            makeUpByDate.put(m.date(), m);
        }
    }

    /** Loads a calendar from a YAML file (format: see class comment and config/calendar.yaml). */
    public static WorkingCalendar load(Path file) {
        try {
            return fromYaml(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read working calendar " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid working calendar " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a calendar from YAML text. Unknown keys are errors (a misspelt key must not silently
     * drop holidays).
     *
     * @throws IllegalArgumentException if the YAML is malformed or inconsistent
     */
    public static WorkingCalendar fromYaml(String yaml) {
        CalendarFile f;
        try {
            f = YAML.readValue(yaml, CalendarFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (f == null || f.officeHours() == null) {
            throw new IllegalArgumentException("officeHours is required");
        }
        List<Holiday> holidays = f.holidays() == null ? List.of() : f.holidays().stream().map(HolidayEntry::toHoliday).toList();
        return new WorkingCalendar(f.officeHours(),
                f.weeklyDaysOff() == null ? EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY) : Set.copyOf(f.weeklyDaysOff()),
                holidays,
                f.makeUpWorkingDays() == null ? List.of() : f.makeUpWorkingDays());
    }

    /** Working periods of a working day, in order. */
    public List<WorkingPeriod> officeHours() {
        return periods;
    }

    /** The holiday covering the date, if any. */
    public Optional<Holiday> holidayOn(LocalDate date) {
        return Optional.ofNullable(holidayByDate.get(date));
    }

    /** True if some holiday of that year is listed; an operator can warn when the calendar runs out. */
    public boolean coversYear(int year) {
        return holidayByDate.keySet().stream().anyMatch(d -> d.getYear() == year);
    }

    /** A make-up day is a working day; otherwise holidays and weekly days off are not. */
    public boolean isWorkingDay(LocalDate date) {
        if (makeUpByDate.containsKey(date)) {
            return true;
        }
        return !holidayByDate.containsKey(date) && !weeklyDaysOff.contains(date.getDayOfWeek());
    }

    /** True if the instant, in +07:00, falls on a working day inside a working period. */
    public boolean isWithinOfficeHours(OffsetDateTime time) {
        OffsetDateTime t = VietnamTime.inVietnam(time);
        return isWorkingDay(t.toLocalDate())
                && periods.stream().anyMatch(p -> p.contains(t.toLocalTime()));
    }

    /** The first working day strictly after the date. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate d = date.plusDays(1);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /**
     * The instant itself (in +07:00) if it is within office hours; else the start of the next
     * working period: a later period the same working day (before 07:30, lunch break), otherwise
     * the first period of the next working day.
     */
    public OffsetDateTime startOfNextWorkingPeriod(OffsetDateTime time) {
        OffsetDateTime t = VietnamTime.inVietnam(time);
        if (isWithinOfficeHours(t)) {
            return t;
        }
        LocalDate date = t.toLocalDate();
        if (isWorkingDay(date)) {
            for (WorkingPeriod p : periods) {
                if (t.toLocalTime().isBefore(p.start())) {
                    return date.atTime(p.start()).atOffset(VietnamTime.ZONE);
                }
            }
        }
        return nextWorkingDay(date).atTime(periods.get(0).start()).atOffset(VietnamTime.ZONE);
    }

    // ---- YAML shape ----

    private record CalendarFile(List<WorkingPeriod> officeHours, List<DayOfWeek> weeklyDaysOff,
                        List<HolidayEntry> holidays, List<MakeUpDay> makeUpWorkingDays) {
    }

    /** Either {@code date} or {@code from}+{@code to}. */
    private record HolidayEntry(LocalDate date, LocalDate from, LocalDate to, String name) {
        Holiday toHoliday() {
            if (date != null && from == null && to == null) {
                return Holiday.on(date, name);
            }
            if (date == null && from != null && to != null) {
                return new Holiday(from, to, name);
            }
            throw new IllegalArgumentException("holiday '" + name + "' needs either date, or from and to");
        }
    }
}
