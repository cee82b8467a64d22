package vn.lienthong.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.lienthong.registry.Accounts;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.signature.cert.TrustPolicy;
import vn.lienthong.time.WorkingCalendar;

/**
 * Checks an installation's configuration before the gateway (re)loads it: {@code gateway.yaml},
 * {@code agencies.yaml}, {@code calendar.yaml}, {@code trust.yaml} and its anchors, the credentials file,
 * and every route file (YAML syntax, known templates and their required parameters, agency ids that
 * exist in {@code agencies.yaml}). Each problem is one or two plain lines with the file and line number.
 */
public final class ConfigCheck {
    /** One problem; {@code line} is 1-based, 0 when the file as a whole is meant. */
    public record Problem(Path file, int line, String message) {
        public String describe(Path base) {
            Path shown = file.isAbsolute() && file.startsWith(base) ? base.relativize(file) : file;
            return shown + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** What was checked and what is wrong. */
    public record Result(List<Path> checked, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Path config;
    private final Path routes;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Path> checked = new ArrayList<>();

    public ConfigCheck(Path config, Path routes) {
        this.config = config;
        this.routes = routes;
    }

    public Result run() {
        Path gatewayFile = config.resolve("gateway.yaml");
        Settings settings = null;
        if (syntax(gatewayFile, false)) {
            try {
                settings = Settings.load(gatewayFile);
            } catch (IOException | RuntimeException e) {
                problem(gatewayFile, e);
            }
        }
        Path agenciesFile = config.resolve("agencies.yaml");
        AgencyRegistry registry = null;
        if (syntax(agenciesFile, true)) {
            try {
                registry = AgencyRegistry.load(agenciesFile);
            } catch (IOException | RuntimeException e) {
                problem(agenciesFile, e);
            }
        }
        Path calendarFile = config.resolve("calendar.yaml");
        if (syntax(calendarFile, true)) {
            try {
                WorkingCalendar.load(calendarFile);
            } catch (RuntimeException e) {
                problem(calendarFile, e);
            }
        }
        Path trustFile = config.resolve(TrustPolicy.FILE_NAME);
        if (syntax(trustFile, false)) {
            try {
                TrustPolicy.loadFrom(config).loadAnchors(config);
            } catch (IOException | RuntimeException e) {
                problem(trustFile, e);
            }
        }
        if (settings != null && registry != null) {
            String env = System.getenv("LIENTHONG_CREDENTIALS");
            Path credentials = config.resolve(env != null && !env.isBlank() ? env : settings.accounts().credentials());
            if (syntax(credentials, false)) {
                try {
                    Accounts.load(credentials, registry);
                } catch (IOException | RuntimeException e) {
                    problem(credentials, e);
                }
            }
        }
        routes(registry);
        return new Result(List.copyOf(checked), List.copyOf(problems));
    }

    private void routes(AgencyRegistry registry) {
        Map<String, RouteFiles.Template> templates = new HashMap<>();
        Path templateFolder = routes.resolve("templates");
        try {
            for (Path f : RouteFiles.yamlFiles(templateFolder)) syntax(f, true);
            templates = RouteFiles.templates(templateFolder);
        } catch (IOException e) {
            // syntax problems already reported
        }
        if (!Files.isDirectory(routes)) {
            problems.add(new Problem(routes, 0, "the routes folder does not exist"));
            return;
        }
        Set<String> known = new TreeSet<>(templates.keySet());
        Map<String, Path> routeIds = new HashMap<>();
        List<Path> files;
        try {
            files = RouteFiles.yamlFiles(routes);
        } catch (IOException e) {
            problems.add(new Problem(routes, 0, "cannot list the folder: " + e.getMessage()));
            return;
        }
        for (Path f : files) {
            if (!syntax(f, true)) continue;
            List<RouteFiles.TemplatedRoute> entries;
            try {
                entries = RouteFiles.templatedRoutes(f);
            } catch (IOException e) {
                problem(f, e);
                continue;
            }
            for (RouteFiles.TemplatedRoute r : entries) {
                RouteFiles.Template t = r.templateRef() == null ? null : templates.get(r.templateRef());
                if (t == null) {
                    problems.add(new Problem(f, r.templateRefLine(), r.templateRef() == null ? "templatedRoute without routeTemplateRef"
                            : "unknown template '" + r.templateRef() + "' (known: " + String.join(", ", known) + ")"));
                    continue;
                }
                for (RouteFiles.TemplateParameter p : t.parameters()) {
                    if (p.required() && (r.parameters().get(p.name()) == null || r.parameters().get(p.name()).value() == null)) {
                        problems.add(new Problem(f, r.line(), "template '" + t.id() + "' needs the parameter '" + p.name() + "'"));
                    }
                }
                Set<String> names = t.parameters().stream().map(RouteFiles.TemplateParameter::name).collect(Collectors.toSet());
                for (var e : r.parameters().entrySet()) {
                    if (!names.contains(e.getKey())) {
                        problems.add(new Problem(f, e.getValue().line(), "'" + e.getKey() + "' is not a parameter of template '" + t.id()
                                + "' (its parameters: " + t.parameters().stream().map(RouteFiles.TemplateParameter::name)
                                .collect(Collectors.joining(", ")) + ")"));
                    }
                }
                RouteFiles.Value agency = r.parameters().get("agency");
                if (registry != null && agency != null && agency.value() != null && !agency.value().contains("{{")
                        && !registry.contains(agency.value())) {
                    problems.add(new Problem(f, agency.line(), "agency '" + agency.value() + "' is not in config/agencies.yaml"));
                }
                if (r.routeId() != null) {
                    Path other = routeIds.put(r.routeId(), f);
                    if (other != null) {
                        problems.add(new Problem(f, r.line(), "routeId '" + r.routeId() + "' is also used in " + other.getFileName()));
                    }
                }
            }
        }
    }

    /** YAML syntax of a file; false (and a problem) when broken or, if required, missing. */
    private boolean syntax(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) problems.add(new Problem(file, 0, "the file is missing"));
            return false;
        }
        checked.add(file);
        try {
            RouteFiles.parse(file);
            return true;
        } catch (RouteFiles.BadYaml e) {
            problems.add(new Problem(file, e.line, e.getMessage()));
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "cannot read: " + e.getMessage()));
        }
        return false;
    }

    private void problem(Path file, Throwable e) {
        Throwable cause = e;
        while (!(cause instanceof JsonProcessingException) && cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        if (cause instanceof JsonProcessingException j) {
            int line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
            problems.add(new Problem(file, Math.max(line, 0), describe(j)));
            return;
        }
        String message = firstLine(e.getMessage() == null ? e.toString() : e.getMessage());
        // "invalid working calendar /x/calendar.yaml: ..." → keep what follows the file name
        String prefix = file.toString() + ": ";
        int at = message.indexOf(prefix);
        if (at >= 0) message = message.substring(at + prefix.length());
        problems.add(new Problem(file, lineOfQuoted(file, message), message));
    }

    /** The line of the first text quoted in the message ('...') or organisation id, to point at the entry it names. */
    private static int lineOfQuoted(Path file, String message) {
        Matcher m = Pattern.compile("'([^']{3,})'|(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})").matcher(message);
        if (!m.find()) return 0;
        String quoted = m.group(1) != null ? m.group(1) : m.group(2);
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(quoted)) return i + 1;
        } catch (IOException | RuntimeException ignored) {
            // no line then
        }
        return 0;
    }

    static String describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'" + (path.contains(".") ? " in '" + path.substring(0, path.lastIndexOf('.')) + "'" : "")
                    + " (known: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            String type = switch (f.getTargetType().getSimpleName()) {
                case "Integer", "int", "Long", "long" -> "whole number";
                case "Boolean", "boolean" -> "true or false";
                case "LocalDate" -> "date (YYYY-MM-DD)";
                case "LocalTime" -> "time (\"HH:mm\")";
                case "Double", "double" -> "number";
                default -> f.getTargetType().getSimpleName().toLowerCase();
            };
            return "'" + path + "': '" + f.getValue() + "' is not a valid " + type;
        }
        String msg = firstLine(e.getOriginalMessage());
        msg = msg.replaceAll("`[\\w.$]+\\$(\\w+)`", "$1").replaceAll("`(?:java\\.lang\\.|[\\w.]+\\.)(\\w+)`", "$1");
        return (path.isEmpty() ? "" : "'" + path + "': ") + msg;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
