package vn.lienthong.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up route files IT staff add, change or remove in {@code routes/} while the gateway runs:
 * a new agency's adapter file starts its routes, a changed file replaces the routes it made, a
 * removed file stops them. Camel's own reload does not re-create routes made from templates
 * (every agency file is one), hence this. A file that does not load is reported in the log and
 * the routes it made before are put back as they were. Templates ({@code routes/templates/})
 * are read at start-up only.
 */
public final class RouteFileReload {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReload.class);
    private final Path dir;
    private CamelContext camel;
    private final Map<Path, String> stamps = new HashMap<>();
    private final Map<Path, String> loaded = new HashMap<>();
    private final Map<Path, Set<String>> routesOf = new HashMap<>();

    public RouteFileReload(Path dir) {
        this.dir = dir;
    }

    /** Remembers the files loaded at start-up and the routes each made. */
    public synchronized void baseline(CamelContext camel) throws IOException {
        this.camel = camel;
        for (Path f : files()) {
            stamps.put(f, stamp(f));
            String text = Files.readString(f, StandardCharsets.UTF_8);
            loaded.put(f, text);
            Set<String> templated = new HashSet<>();
            java.util.regex.Matcher m = TEMPLATED_ID.matcher(text);
            while (m.find()) templated.add(m.group(1));
            Set<String> ids = new LinkedHashSet<>();
            for (Route r : camel.getRoutes()) {
                if (madeBy(r, f) || templated.contains(r.getRouteId())) ids.add(r.getRouteId());
            }
            routesOf.put(f, ids);
        }
    }

    /** Called by a timer route: applies what changed in the folder since the last look. */
    public synchronized void check() throws IOException {
        if (camel == null) return; // not started yet
        List<Path> now = files();
        for (Path f : now) {
            String s = stamp(f);
            if (s.equals(stamps.get(f))) continue;
            stamps.put(f, s);
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (text.equals(loaded.get(f))) continue;
            replace(f, text);
        }
        for (Path gone : new HashSet<>(stamps.keySet())) {
            if (now.contains(gone)) continue;
            stamps.remove(gone);
            loaded.remove(gone);
            Set<String> ids = routesOf.remove(gone);
            remove(ids);
            LOG.info("route file {} removed: stopped {}", gone.getFileName(), ids);
        }
    }

    private void replace(Path f, String text) {
        Set<String> old = routesOf.getOrDefault(f, Set.of());
        remove(old);
        try {
            routesOf.put(f, load(f, text));
            loaded.put(f, text);
            LOG.info("route file {} loaded: {}", f.getFileName(), routesOf.get(f));
        } catch (Exception e) {
            LOG.error("route file {} not loaded, the routes it made before keep running: {}", f.getFileName(), firstLine(e));
            String before = loaded.get(f);
            try {
                routesOf.put(f, before == null ? Set.of() : load(f, before));
            } catch (Exception again) {
                LOG.error("route file {}: the routes it made before could not be restarted: {}", f.getFileName(), firstLine(again));
                routesOf.put(f, Set.of());
            }
        }
    }

    private Set<String> load(Path f, String text) throws Exception {
        Set<String> before = routeIdsNotIn(Set.of());
        Resource r = ResourceHelper.fromString("file:" + f.toAbsolutePath(), text);
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(r);
        } catch (Exception e) {
            remove(routeIdsNotIn(before)); // a half-loaded file leaves nothing behind
            throw e;
        }
        return routeIdsNotIn(before);
    }

    private Set<String> routeIdsNotIn(Set<String> known) {
        Set<String> ids = new LinkedHashSet<>();
        for (Route r : camel.getRoutes()) {
            if (!known.contains(r.getRouteId())) ids.add(r.getRouteId());
        }
        return ids;
    }

    private void remove(Set<String> ids) {
        if (ids == null) return;
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("route {} could not be stopped: {}", id, firstLine(e));
            }
        }
    }

    /** Routes made from a template carry no source file: their ids are read from the file (routeId: ...). */
    private static final java.util.regex.Pattern TEMPLATED_ID = java.util.regex.Pattern.compile("(?m)^\\s*routeId:\\s*\"?([^\"\\s#]+)\"?");

    private static boolean madeBy(Route r, Path f) {
        String loc = r.getSourceResource() != null ? r.getSourceResource().getLocation() : null;
        return loc != null && Path.of(loc.replaceFirst("^file:", "")).toAbsolutePath().normalize().equals(f.toAbsolutePath().normalize());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static String stamp(Path f) throws IOException {
        return Files.getLastModifiedTime(f) + "/" + Files.size(f);
    }

    private static String firstLine(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
