package vn.lienthong.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VietnamTimeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-11-21T09:15:00+07:00,     2026-11-21T09:15:00+07:00",
            "2026-11-21T02:15:00Z,          2026-11-21T09:15:00+07:00",
            "2026-11-20T23:30:00Z,          2026-11-21T06:30:00+07:00",
            "2026-11-20T20:00:00-05:00,     2026-11-21T08:00:00+07:00",
            "2026-11-21T09:15:00.987+07:00, 2026-11-21T09:15:00+07:00",
            "2026-12-31T17:00:00Z,          2027-01-01T00:00:00+07:00",
    })
    void isoIsAlwaysInVietnamTimeWithSeconds(String input, String expected) {
        assertEquals(expected, VietnamTime.iso(OffsetDateTime.parse(input)));
    }

    @Test
    void isoOfInstant() {
        assertEquals("2026-11-21T06:30:00+07:00", VietnamTime.iso(Instant.parse("2026-11-20T23:30:00Z")));
    }

    @Test
    void nowIsInPlus7WhateverTheClockZone() {
        Clock utc = Clock.fixed(Instant.parse("2026-11-20T23:30:00Z"), ZoneOffset.UTC);
        assertEquals(OffsetDateTime.parse("2026-11-21T06:30:00+07:00"), VietnamTime.now(utc));
        assertEquals(VietnamTime.ZONE, VietnamTime.now(utc).getOffset());
        assertEquals(VietnamTime.ZONE, VietnamTime.nowZoned(utc).getZone());
        assertEquals(21, VietnamTime.nowZoned(utc).getDayOfMonth());
    }

    @Test
    void parsesEdxmlTimeAsVietnamTime() {
        OffsetDateTime t = VietnamTime.parseEdxml("2026/11/21 09:15:00");
        assertEquals(OffsetDateTime.parse("2026-11-21T09:15:00+07:00"), t);
        assertEquals("2026-11-21T09:15:00+07:00", VietnamTime.iso(t));
        assertEquals("2026/11/21 09:15:00", VietnamTime.formatEdxml(t));
    }

    @Test
    void formatsEdxmlAfterConversionToPlus7() {
        assertEquals("2026/11/21 06:30:00", VietnamTime.formatEdxml(OffsetDateTime.parse("2026-11-20T23:30:00Z")));
        assertEquals("2014/02/28", VietnamTime.formatEdxmlDate(LocalDate.of(2014, 2, 28)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2014/02/30 10:00:00", "2015/02/29 10:00:00", "2026/13/01 00:00:00",
            "2026/11/21 24:00:00", "2026/11/21 09:60:00", "2026-11-21 09:15:00", "2026/11/21",
            "2026/11/21 9:15:00", "2026/11/21T09:15:00", ""})
    void strictEdxmlParserRejects(String text) {
        assertThrows(DateTimeParseException.class, () -> VietnamTime.parseEdxml(text));
    }

    @Test
    void parsesEdxmlDatesStrictly() {
        assertEquals(LocalDate.of(2014, 2, 28), VietnamTime.parseEdxmlDate("2014/02/28"));
        assertEquals(LocalDate.of(2016, 2, 29), VietnamTime.parseEdxmlDate("2016/02/29"));
        assertThrows(DateTimeParseException.class, () -> VietnamTime.parseEdxmlDate("2014/02/30"));
        assertThrows(DateTimeParseException.class, () -> VietnamTime.parseEdxmlDate("2015/02/29"));
        assertThrows(DateTimeParseException.class, () -> VietnamTime.parseEdxmlDate("2014-02-28"));
    }
}
