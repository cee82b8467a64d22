package vn.lienthong.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingCalendarTest {

    static final WorkingCalendar REAL = WorkingCalendar.load(Path.of("config/calendar.yaml"));

    /** Independent of real holiday lists: year 2030, one holiday (Tue 1/1) and one make-up Saturday (5/1). */
    static final WorkingCalendar SMALL = new WorkingCalendar(
            List.of(new WorkingCalendar.WorkingPeriod(LocalTime.of(13, 30), LocalTime.of(17, 0)),
                    new WorkingCalendar.WorkingPeriod(LocalTime.of(7, 30), LocalTime.of(11, 30))),
            EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            List.of(WorkingCalendar.Holiday.on(LocalDate.of(2030, 1, 1), "Tết Dương lịch")),
            List.of(new WorkingCalendar.MakeUpDay(LocalDate.of(2030, 1, 5), "Làm bù")));

    /** A province with 07:00–11:30 / 13:00–17:00, written in the YAML format. */
    static final WorkingCalendar EARLY = WorkingCalendar.fromYaml("""
            officeHours:
              - { start: "07:00", end: "11:30" }
              - { start: "13:00", end: "17:00" }
            weeklyDaysOff: [saturday, sunday]
            holidays:
              - { from: 2030-04-30, to: 2030-05-01, name: "30/4 – 1/5" }
            """);

    @ParameterizedTest(name = "{0} working={1}")
    @CsvSource({
            "2029-12-31, true",   // Monday
            "2030-01-01, false",  // holiday
            "2030-01-02, true",
            "2030-01-05, true",   // make-up Saturday
            "2030-01-06, false",  // Sunday
            "2030-01-12, false",  // ordinary Saturday
    })
    void smallCalendarWorkingDays(LocalDate date, boolean working) {
        assertEquals(working, SMALL.isWorkingDay(date));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2030-01-02T09:00:00+07:00, 2030-01-02T09:00:00+07:00",
            "2030-01-02T11:30:00+07:00, 2030-01-02T13:30:00+07:00",
            "2030-01-02T17:00:00+07:00, 2030-01-03T07:30:00+07:00",
            "2029-12-31T17:00:00+07:00, 2030-01-02T07:30:00+07:00",  // over the holiday
            "2030-01-04T18:00:00+07:00, 2030-01-05T07:30:00+07:00",  // Friday -> make-up Saturday
            "2030-01-05T12:00:00+07:00, 2030-01-05T13:30:00+07:00",
            "2030-01-05T17:30:00+07:00, 2030-01-07T07:30:00+07:00",
            "2030-01-11T18:00:00+07:00, 2030-01-14T07:30:00+07:00",
    })
    void smallCalendarNextPeriod(OffsetDateTime t, OffsetDateTime expected) {
        assertEquals(expected, SMALL.startOfNextWorkingPeriod(t));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2030-04-29T07:00:00+07:00, 2030-04-29T07:00:00+07:00",
            "2030-04-29T06:59:59+07:00, 2030-04-29T07:00:00+07:00",
            "2030-04-29T12:59:00+07:00, 2030-04-29T13:00:00+07:00",
            "2030-04-29T17:00:00+07:00, 2030-05-02T07:00:00+07:00",
    })
    void configurableOfficeHours(OffsetDateTime t, OffsetDateTime expected) {
        assertEquals(expected, EARLY.startOfNextWorkingPeriod(t));
    }

    @Test
    void nextWorkingDayIsStrictlyAfter() {
        assertEquals(LocalDate.of(2030, 1, 2), SMALL.nextWorkingDay(LocalDate.of(2029, 12, 31)));
        assertEquals(LocalDate.of(2030, 1, 5), SMALL.nextWorkingDay(LocalDate.of(2030, 1, 4)));
        assertEquals(LocalDate.of(2030, 1, 7), SMALL.nextWorkingDay(LocalDate.of(2030, 1, 5)));
    }

    @Test
    void officeHoursBoundariesAndOffsets() {
        assertTrue(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-02T07:30:00+07:00")));
        assertFalse(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-02T07:29:59+07:00")));
        assertTrue(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-02T16:59:59+07:00")));
        assertFalse(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-02T17:00:00+07:00")));
        // 01:00Z is 08:00 in Vietnam, 10:00Z is 17:00; 2029-12-31T17:00Z is the 1/1 holiday at 00:00 in Vietnam
        assertTrue(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-02T01:00:00Z")));
        assertFalse(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-02T10:00:00Z")));
        assertFalse(SMALL.isWithinOfficeHours(OffsetDateTime.parse("2030-01-01T02:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "officeHours: [ {start: \"07:30\", end: \"11:30\"} ]\nholiday: []",                      // misspelt key
            "officeHours: [ {start: \"07:30\", end: \"11:30\"}, {start: \"11:00\", end: \"17:00\"} ]", // overlap
            "officeHours: [ {start: \"17:00\", end: \"07:30\"} ]",                                  // reversed
            "officeHours: []",
            "weeklyDaysOff: [SATURDAY]",                                                            // no hours
            "officeHours: [ {start: \"07:30\", end: \"11:30\"} ]\nholidays: [ {name: x} ]",          // no date
            "officeHours: [ {start: \"07:30\", end: \"11:30\"} ]\nholidays: [ {date: 2030-02-30, name: x} ]",
            "officeHours: [ {start: \"07:30\", end: \"11:30\"} ]\nholidays: [ {from: 2030-01-03, to: 2030-01-01, name: x} ]",
            "officeHours: [ {start: \"07:30\", end: \"11:30\"} ]\nholidays: [ {date: 2030-01-05, name: x} ]\nmakeUpWorkingDays: [ {date: 2030-01-05} ]",
            "officeHours: [ {start: \"07:30\", end: \"11:30\"} ]\nweeklyDaysOff: [FUNDAY]",
    })
    void rejectsBadYaml(String yaml) {
        assertThrows(IllegalArgumentException.class, () -> WorkingCalendar.fromYaml(yaml));
    }

    // ---- the shipped config/calendar.yaml ----

    @ParameterizedTest(name = "{0} is a holiday")
    @CsvSource({
            "2025-01-01", "2025-01-29", "2025-04-07", "2025-04-30", "2025-05-01", "2025-09-01", "2025-09-02",
            "2026-01-01", "2026-02-17", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-02",
            "2027-01-01", "2027-02-08", "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02",
    })
    void realCalendarHasStatutoryHolidays(LocalDate date) {
        assertTrue(REAL.holidayOn(date).isPresent(), date + " should be listed");
        assertFalse(REAL.isWorkingDay(date));
    }

    @Test
    void realCalendarTetAndMakeUpDays() {
        assertTrue(REAL.holidayOn(LocalDate.of(2026, 2, 17)).orElseThrow().name().contains("Tết Nguyên đán"));
        for (LocalDate d = LocalDate.of(2026, 2, 14); !d.isAfter(LocalDate.of(2026, 2, 22)); d = d.plusDays(1)) {
            assertFalse(REAL.isWorkingDay(d), d.toString());
        }
        assertTrue(REAL.isWorkingDay(LocalDate.of(2026, 2, 13)));
        assertTrue(REAL.isWorkingDay(LocalDate.of(2026, 2, 23)));
        assertTrue(REAL.isWorkingDay(LocalDate.of(2025, 4, 26)));   // Saturday, làm bù
        assertTrue(REAL.isWorkingDay(LocalDate.of(2026, 1, 10)));   // Saturday, làm bù
        assertFalse(REAL.isWorkingDay(LocalDate.of(2026, 1, 17)));  // ordinary Saturday
        assertTrue(REAL.coversYear(2025) && REAL.coversYear(2026) && REAL.coversYear(2027));
        assertFalse(REAL.coversYear(2028));
    }
}
