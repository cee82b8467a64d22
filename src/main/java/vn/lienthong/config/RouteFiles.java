package vn.lienthong.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What the route files of {@code routes/} declare, read without Camel and with line numbers: the
 * route templates of {@code routes/templates/} (their parameters, required or with a default) and the
 * {@code templatedRoute} entries of the other files (which template, which parameter values). Used to
 * check the files before the gateway loads them, and to find an agency's drop folders.
 */
public final class RouteFiles {
    private RouteFiles() { }

    /** A parameter of a template; {@code required} when it has no {@code defaultValue}. */
    public record TemplateParameter(String name, boolean required) { }

    public record Template(String id, Path file, int line, List<TemplateParameter> parameters) { }

    /** A value given in a route file, with its line (1-based). */
    public record Value(String value, int line) { }

    public record TemplatedRoute(Path file, int line, String templateRef, int templateRefLine, String routeId, Map<String, Value> parameters) { }

    /** A YAML file that cannot be read: its problem and line (1-based, 0 when unknown). */
    public static final class BadYaml extends IOException {
        public final int line;

        BadYaml(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    /** The YAML node tree of a file; a syntax error becomes {@link BadYaml} with its line. */
    public static Node parse(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(r);
            if (root != null) noDuplicateKeys(root);
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
            String problem = e.getProblem() == null ? e.getMessage().lines().findFirst().orElse("") : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new BadYaml("YAML syntax: " + problem + context, line);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new BadYaml("YAML: " + e.getMessage().lines().findFirst().orElse(""), 0);
        }
    }

    /** A key given twice in one mapping: YAML readers keep one silently or fail obscurely; say where. */
    private static void noDuplicateKeys(Node n) throws BadYaml {
        if (n instanceof MappingNode m) {
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    Integer first = seen.putIfAbsent(k.getValue(), line(k));
                    if (first != null) throw new BadYaml("key '" + k.getValue() + "' is given twice (first on line " + first + ")", line(k));
                }
                noDuplicateKeys(t.getValueNode());
            }
        } else if (n instanceof SequenceNode s) {
            for (Node x : s.getValue()) noDuplicateKeys(x);
        }
    }

    /** The templates of every {@code *.yaml} in the folder (normally {@code routes/templates}). */
    public static Map<String, Template> templates(Path folder) throws IOException {
        Map<String, Template> out = new LinkedHashMap<>();
        for (Path f : yamlFiles(folder)) {
            for (Node item : items(parse(f))) {
                Optional<Node> t = get(item, "routeTemplate");
                if (t.isEmpty()) continue;
                String id = scalar(t.get(), "id");
                List<TemplateParameter> params = new ArrayList<>();
                for (Node p : items(get(t.get(), "parameters").orElse(null))) {
                    String name = scalar(p, "name");
                    if (name != null) params.add(new TemplateParameter(name, get(p, "defaultValue").isEmpty()));
                }
                if (id != null) out.put(id, new Template(id, f, line(item), params));
            }
        }
        return out;
    }

    /** The {@code templatedRoute} entries of one route file. */
    public static List<TemplatedRoute> templatedRoutes(Path file) throws IOException {
        List<TemplatedRoute> out = new ArrayList<>();
        for (Node item : items(parse(file))) {
            Optional<Node> t = get(item, "templatedRoute");
            if (t.isEmpty()) continue;
            Map<String, Value> values = new LinkedHashMap<>();
            Node params = get(t.get(), "parameters").orElse(null);
            if (params instanceof SequenceNode) {
                for (Node p : items(params)) {
                    String name = scalar(p, "name");
                    Node v = get(p, "value").orElse(null);
                    if (name != null) values.put(name, new Value(v instanceof ScalarNode s ? s.getValue() : null, line(p)));
                }
            } else if (params instanceof MappingNode m) {
                for (NodeTuple nt : m.getValue()) {
                    if (nt.getKeyNode() instanceof ScalarNode k) {
                        values.put(k.getValue(), new Value(nt.getValueNode() instanceof ScalarNode s ? s.getValue() : null, line(nt.getKeyNode())));
                    }
                }
            }
            Node ref = get(t.get(), "routeTemplateRef").orElse(null);
            out.add(new TemplatedRoute(file, line(item), ref instanceof ScalarNode s ? s.getValue() : null,
                    ref == null ? line(item) : line(ref), scalar(t.get(), "routeId"), values));
        }
        return out;
    }

    /** The route files of the folder (not its templates), sorted by name. */
    public static List<Path> yamlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /**
     * The outbox of an agency's {@code file-pickup} route: the {@code outbox} parameter with
     * {@code {{lienthong.data}}} and {@code {{agency}}} filled in, or the default; empty when the agency has
     * no drop folder.
     */
    public static Optional<Path> outbox(Path routes, Path data, String agency) throws IOException {
        for (Path f : yamlFiles(routes)) {
            for (TemplatedRoute r : templatedRoutes(f)) {
                Value a = r.parameters().get("agency");
                if (!"file-pickup".equals(r.templateRef()) || a == null || !agency.equals(a.value())) continue;
                Value o = r.parameters().get("outbox");
                String path = o == null || o.value() == null ? "{{lienthong.data}}/agencies/{{agency}}/outbox" : o.value();
                path = path.replace("{{lienthong.data}}", data.toString()).replace("{{agency}}", agency);
                return Optional.of(data.resolve(path));
            }
        }
        return Optional.empty();
    }

    static List<Node> items(Node n) {
        return n instanceof SequenceNode s ? s.getValue() : List.of();
    }

    static Optional<Node> get(Node n, String key) {
        if (!(n instanceof MappingNode m)) return Optional.empty();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return Optional.of(t.getValueNode());
        }
        return Optional.empty();
    }

    static String scalar(Node n, String key) {
        return get(n, key).filter(v -> v instanceof ScalarNode).map(v -> ((ScalarNode) v).getValue()).orElse(null);
    }

    static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
