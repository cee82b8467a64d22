package vn.lienthong.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** R7 and R10 on the shipped config/calendar.yaml. */
class ReceiptRulesTest {

    static final ReceiptRules RULES = new ReceiptRules(WorkingCalendar.load(Path.of("config/calendar.yaml")));

    @ParameterizedTest(name = "[{index}] {2}: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-19T09:15:00+07:00 | 2026-11-19T09:15:00+07:00 | Thursday morning, inside
            2026-11-19T14:00:00+07:00 | 2026-11-19T14:00:00+07:00 | Thursday afternoon, inside
            2026-11-19T12:00:00+07:00 | 2026-11-19T13:30:00+07:00 | lunch break
            2026-11-19T11:30:00+07:00 | 2026-11-19T13:30:00+07:00 | exactly 11:30, end of morning
            2026-11-19T13:29:59+07:00 | 2026-11-19T13:30:00+07:00 | one second before afternoon
            2026-11-19T06:45:00+07:00 | 2026-11-19T07:30:00+07:00 | before 07:30
            2026-11-19T07:29:59+07:00 | 2026-11-19T07:30:00+07:00 | one second before 07:30
            2026-11-19T07:30:00+07:00 | 2026-11-19T07:30:00+07:00 | exactly 07:30:00 is inside
            2026-11-19T16:59:59+07:00 | 2026-11-19T16:59:59+07:00 | last second of the day
            2026-11-19T17:00:00+07:00 | 2026-11-20T07:30:00+07:00 | exactly 17:00:00 is outside
            2026-11-19T19:00:00+07:00 | 2026-11-20T07:30:00+07:00 | Thursday evening
            2026-11-20T17:30:00+07:00 | 2026-11-23T07:30:00+07:00 | Friday evening -> Monday
            2026-11-21T09:15:00+07:00 | 2026-11-23T07:30:00+07:00 | Saturday
            2026-11-22T10:00:00+07:00 | 2026-11-23T07:30:00+07:00 | Sunday
            2026-11-20T23:30:00Z      | 2026-11-23T07:30:00+07:00 | UTC Friday night is Saturday 06:30 in Vietnam
            2026-11-20T02:00:00Z      | 2026-11-20T09:00:00+07:00 | UTC 02:00 is 09:00, inside, given back in +07:00
            2026-11-20T10:00:00Z      | 2026-11-23T07:30:00+07:00 | UTC 10:00 is 17:00 Friday
            2026-11-19T09:00:00+09:00 | 2026-11-19T07:30:00+07:00 | +09:00 09:00 is 07:00 in Vietnam
            2026-04-30T09:00:00+07:00 | 2026-05-04T07:30:00+07:00 | 30/4 holiday, 1/5, weekend
            2026-04-29T17:30:00+07:00 | 2026-05-04T07:30:00+07:00 | eve of 30/4
            2026-04-25T10:00:00+07:00 | 2026-04-28T07:30:00+07:00 | Giỗ Tổ on Sunday, nghỉ bù Monday
            2025-09-02T10:00:00+07:00 | 2025-09-03T07:30:00+07:00 | Quốc khánh 2/9
            2025-08-29T18:00:00+07:00 | 2025-09-03T07:30:00+07:00 | Friday before Quốc khánh
            2026-02-18T09:00:00+07:00 | 2026-02-23T07:30:00+07:00 | during Tết Bính Ngọ
            2026-02-13T16:00:00+07:00 | 2026-02-13T16:00:00+07:00 | last working afternoon before Tết
            2026-02-13T17:15:00+07:00 | 2026-02-23T07:30:00+07:00 | eve of the Tết break
            2026-02-13T10:00:00Z      | 2026-02-23T07:30:00+07:00 | exactly 17:00 in Vietnam, before Tết, given in UTC
            2025-01-28T20:00:00+07:00 | 2025-02-03T07:30:00+07:00 | giao thừa Ất Tỵ
            2026-01-10T09:00:00+07:00 | 2026-01-10T09:00:00+07:00 | make-up working Saturday
            2026-01-10T12:00:00+07:00 | 2026-01-10T13:30:00+07:00 | make-up Saturday lunch
            2026-01-09T17:30:00+07:00 | 2026-01-10T07:30:00+07:00 | Friday evening -> make-up Saturday
            2025-04-26T08:00:00+07:00 | 2025-04-26T08:00:00+07:00 | make-up Saturday 2025
            2025-12-31T18:00:00+07:00 | 2026-01-05T07:30:00+07:00 | 31/12 evening, 1-2/1 off, weekend
            2026-12-31T18:00:00+07:00 | 2027-01-04T07:30:00+07:00 | 31/12 evening -> Monday 4/1
            2025-01-01T10:00:00+07:00 | 2025-01-02T07:30:00+07:00 | Tết Dương lịch 2025
            """)
    void officialReceiptTime(OffsetDateTime receivedAt, OffsetDateTime expected, String why) {
        OffsetDateTime official = RULES.officialReceiptTime(receivedAt);
        assertEquals(expected, official, why);
        assertEquals(VietnamTime.ZONE, official.getOffset(), why);
    }

    @ParameterizedTest(name = "[{index}] {3}: late={2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-16T10:00:00+07:00 | 2026-11-16T21:00:00+07:00 | false | signed Monday, sent same evening
            2026-11-16T10:00:00+07:00 | 2026-11-17T11:59:00+07:00 | false | signed Monday, sent Tuesday 11:59
            2026-11-16T10:00:00+07:00 | 2026-11-17T12:00:00+07:00 | false | sent exactly 12:00:00
            2026-11-16T10:00:00+07:00 | 2026-11-17T12:01:00+07:00 | true  | signed Monday, sent Tuesday 12:01
            2026-11-20T15:00:00+07:00 | 2026-11-23T11:00:00+07:00 | false | signed Friday, sent Monday 11:00
            2026-11-20T15:00:00+07:00 | 2026-11-23T12:30:00+07:00 | true  | signed Friday, sent Monday 12:30
            2026-11-21T09:00:00+07:00 | 2026-11-21T20:00:00+07:00 | false | signed Saturday, sent same evening
            2026-11-21T09:00:00+07:00 | 2026-11-23T11:00:00+07:00 | false | signed Saturday, sent Monday 11:00
            2026-11-21T09:00:00+07:00 | 2026-11-23T13:00:00+07:00 | true  | signed Saturday, sent Monday 13:00
            2026-04-29T16:00:00+07:00 | 2026-05-04T11:00:00+07:00 | false | signed before 30/4, sent after
            2026-04-29T16:00:00+07:00 | 2026-05-04T12:30:00+07:00 | true  | signed before 30/4, too late
            2026-02-13T16:00:00+07:00 | 2026-02-23T11:30:00+07:00 | false | signed before Tết, sent after
            2026-02-13T16:00:00+07:00 | 2026-02-24T09:00:00+07:00 | true  | signed before Tết, sent a day later
            2026-01-09T15:00:00+07:00 | 2026-01-10T11:00:00+07:00 | false | next working day is the make-up Saturday
            2026-01-09T15:00:00+07:00 | 2026-01-12T09:00:00+07:00 | true  | missed the make-up Saturday
            2026-11-16T18:00:00Z      | 2026-11-18T04:30:00Z      | false | signed Tue 01:00 in Vietnam (Mon in UTC), sent Wed 11:30
            2026-11-16T03:00:00Z      | 2026-11-17T05:30:00Z      | true  | signed Mon 10:00, sent Tue 12:30 in Vietnam
            """)
    void lateSend(OffsetDateTime signedAt, OffsetDateTime sentAt, boolean late, String why) {
        assertEquals(late, RULES.isLateSend(signedAt, sentAt), why);
    }

    @Test
    void sendDeadlineIsNoonOfNextWorkingDayInPlus7() {
        assertEquals(OffsetDateTime.parse("2026-11-23T12:00:00+07:00"),
                RULES.sendDeadline(OffsetDateTime.parse("2026-11-20T15:00:00+07:00")));
        assertEquals("2026-05-04T12:00:00+07:00",
                VietnamTime.iso(RULES.sendDeadline(OffsetDateTime.parse("2026-04-29T09:00:00Z"))));
        assertEquals(OffsetDateTime.parse("2025-02-03T12:00:00+07:00"),
                RULES.sendDeadline(OffsetDateTime.parse("2025-01-24T16:00:00+07:00")));
    }

    @Test
    void deadlineTimeIsConfigurable() {
        ReceiptRules morningOnly = new ReceiptRules(RULES.calendar(), LocalTime.of(11, 30));
        OffsetDateTime signed = OffsetDateTime.parse("2026-11-16T10:00:00+07:00");
        assertTrue(morningOnly.isLateSend(signed, OffsetDateTime.parse("2026-11-17T11:45:00+07:00")));
        assertFalse(morningOnly.isLateSend(signed, OffsetDateTime.parse("2026-11-17T11:30:00+07:00")));
    }
}
