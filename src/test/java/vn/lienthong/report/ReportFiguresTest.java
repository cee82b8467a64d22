package vn.lienthong.report;

import static org.junit.jupiter.api.Assertions.*;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the report (R17) computed outside SQL: periods, median and 90th percentile, numbering gaps (R2). */
class ReportFiguresTest {
    @Test
    void halvesAndYearsCoverWholeDaysInVietnamTime() {
        Period h1 = Period.half("2026-H1");
        assertEquals(LocalDate.of(2026, 1, 1), h1.from());
        assertEquals(LocalDate.of(2026, 6, 30), h1.to());
        assertEquals("2026-01-01T00:00+07:00", h1.start().toString());
        assertEquals("2026-07-01T00:00+07:00", h1.end().toString());
        assertEquals(LocalDate.of(2026, 12, 31), Period.half("2026-h2").to());
        assertEquals("2026", Period.year(2026).label());
        assertThrows(IllegalArgumentException.class, () -> Period.half("2026-H3"));
        assertThrows(IllegalArgumentException.class, () -> Period.between(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)));
        assertEquals(LocalDate.of(2026, 3, 31), Period.date("2026/03/31"));
    }

    @Test
    void medianAndNearestRankPercentile() {
        assertNull(ReportQuery.median(List.of()));
        assertEquals(5L, ReportQuery.median(List.of(9L, 1L, 5L)));
        assertEquals(4L, ReportQuery.median(List.of(1L, 3L, 5L, 100L)));
        List<Long> ten = List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 1000L);
        assertEquals(90L, ReportQuery.percentile(ten, 90));
        assertEquals(7L, ReportQuery.percentile(List.of(7L), 90));
    }

    @Test
    void numberingGapsAndRepeatsPerAgencyYearAndKind() {
        OffsetDateTime now = OffsetDateTime.parse("2026-05-01T10:00:00+07:00");
        List<Object[]> docs = List.of(
                new Object[] {"000.00.13.H41", "000.00.13.H41-2026.1", "1", "2026/01/02", now},
                new Object[] {"000.00.13.H41", "000.00.13.H41-2026.2", "2", "2026/01/03", now},
                new Object[] {"000.00.13.H41", "000.00.13.H41-2026.6", "2", "2026/01/04", now},
                new Object[] {"000.00.13.H41", "000.00.13.H41-2026.7", "12a", "2026/01/04", now},
                new Object[] {"000.00.05.H41", "000.00.05.H41-2026.1", "1", "2026/01/02", now},
                new Object[] {"000.00.05.H41", "000.00.05.H41-2026.2", "2", "2026/01/02", now},
                new Object[] {"000.00.05.H41", "000.00.05.H41-2025.9", "1", "2025/12/31", now});
        List<Report.NumberingIssue> issues = ReportQuery.numbering(docs);
        assertEquals(2, issues.size(), issues.toString());
        Report.NumberingIssue ids = issues.stream().filter(i -> i.kind().equals("document-id")).findFirst().orElseThrow();
        assertEquals("000.00.13.H41", ids.agency());
        assertEquals(List.of("3-5"), ids.gaps());
        assertEquals(4, ids.documents());
        Report.NumberingIssue codes = issues.stream().filter(i -> i.kind().equals("code-number")).findFirst().orElseThrow();
        assertEquals(List.of(2L), codes.repeats());
        assertEquals(List.of(), codes.gaps());
        assertEquals(3, codes.documents(), "12a is not a number and is left out");
    }
}
