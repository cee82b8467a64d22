package vn.lienthong.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienthong.registry.Agency;
import vn.lienthong.report.Period;
import vn.lienthong.report.Report;
import vn.lienthong.report.ReportQuery;
import vn.lienthong.report.ReportWriter;
import vn.lienthong.tracking.TrackingStore;

/** {@code bin/lienthong report}: the six-monthly, yearly or on-demand report (R17) as CSV, JSON or HTML. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Periodic report (R17): documents sent and received per agency, refusals by reason, recalls, late sends,",
                "legal value, time to acceptance, numbering gaps. Give one of --half, --year, or --from/--to.",
                "Exit codes: 0 written, 1 error, 2 invalid options (period, agency, format)."})
public final class ReportCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeriodOptions period;

    static final class PeriodOptions {
        @Option(names = "--half", paramLabel = "YYYY-H1|YYYY-H2", description = "six-monthly report, e.g. 2026-H1") String half;
        @Option(names = "--year", paramLabel = "YYYY", description = "yearly report") Integer year;
        @ArgGroup(exclusive = false) Range range;
    }

    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "DATE", description = "first day, e.g. 2026-01-01") String from;
        @Option(names = "--to", required = true, paramLabel = "DATE", description = "last day (included), e.g. 2026-03-31") String to;
    }

    @Option(names = "--agency", paramLabel = "ID", description = "only this agency (its sending, receiving and refusals)") String agency;
    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json|html", description = "output format (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: standard output)") Path out;
    @Mixin Installation installation;

    @Override
    public Integer call() throws Exception {
        Period p;
        ReportWriter.Format f;
        try {
            p = period.half != null ? Period.half(period.half) : period.year != null ? Period.year(period.year)
                    : Period.between(Period.date(period.range.from), Period.date(period.range.to));
            f = ReportWriter.Format.valueOf(format.toUpperCase());
        } catch (IllegalArgumentException e) {
            System.err.println("invalid: " + (e.getMessage().startsWith("No enum") ? "format is csv, json or html, not '" + format + "'" : e.getMessage()));
            return 2;
        }
        var registry = installation.agencies();
        if (agency != null && !registry.contains(agency)) {
            System.err.println("invalid: " + agency + " is not in config/agencies.yaml");
            return 2;
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (Agency a : registry.all()) if (a.name() != null) names.put(a.id(), a.name());
        Report r;
        try (TrackingStore store = installation.store()) {
            r = new ReportQuery(store).build(p, agency, names, Clock.systemUTC());
        }
        String text = ReportWriter.write(r, f);
        if (out == null) {
            System.out.print(text);
        } else {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.out.println("report " + r.period() + " (" + f.name().toLowerCase() + ") written to " + out);
        }
        return 0;
    }
}
