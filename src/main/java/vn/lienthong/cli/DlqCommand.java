package vn.lienthong.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.lienthong.config.Settings;
import vn.lienthong.pipeline.GatewayLayout;

/**
 * {@code bin/lienthong dlq}: dead letters of the running gateway (R18), through its operators' API
 * ({@code /admin/dlq} on the gateway's HTTP port). The operator token comes from {@code --token} or
 * the environment variable {@code LIENTHONG_OPERATOR_TOKEN}. Exit 0 done, 1 not found or refused, 2 error.
 */
@Command(name = "dlq", description = "Dead letters of the running gateway: list, show, replay, discard (each action audited).",
        subcommands = {DlqCommand.ListCmd.class, DlqCommand.Show.class, DlqCommand.Replay.class, DlqCommand.Discard.class})
public final class DlqCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", description = "the gateway's address (default: http://127.0.0.1:<http.port of config/gateway.yaml>)")
    String url;
    @Option(names = "--token", description = "operator token (default: env LIENTHONG_OPERATOR_TOKEN)")
    String token;
    @Option(names = "--config", description = "configuration folder (default: config)")
    java.nio.file.Path config;
    @Spec CommandLine.Model.CommandSpec spec;

    String base() throws Exception {
        if (url != null) return url.replaceAll("/+$", "");
        Settings s = Settings.load(GatewayLayout.of(Lienthong.home(), config, null, null).config().resolve("gateway.yaml"));
        return "http://127.0.0.1:" + s.http().port();
    }

    int call(String method, String path, java.util.function.BiConsumer<JsonNode, PrintWriter> print) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String t = token != null ? token : System.getenv("LIENTHONG_OPERATOR_TOKEN");
        if (t == null || t.isBlank()) {
            err.println("no operator token: --token or LIENTHONG_OPERATOR_TOKEN");
            return 2;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/admin/dlq" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + t);
        b.method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> r;
        try {
            r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            err.println("cannot reach the gateway at " + base() + ": " + e);
            return 2;
        }
        JsonNode body = JSON.readTree(r.body().isBlank() ? "{}" : r.body());
        if (r.statusCode() >= 400) {
            err.println("HTTP " + r.statusCode() + ": " + (body.has("error") ? body.get("error").asText() : body.has("detail") ? body.get("detail").asText() : r.body()));
            return r.statusCode() >= 500 ? 2 : 1;
        }
        print.accept(body, out);
        out.flush();
        return body.hasNonNull("detail") ? 1 : 0;
    }

    @Command(name = "list", description = "List dead letters: id, package, document, receiver, queue, last error.")
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.ParentCommand DlqCommand dlq;

        @Override
        public Integer call() throws Exception {
            return dlq.call("GET", "", (body, out) -> {
                if (body.size() == 0) out.println("no dead letters");
                for (JsonNode e : body) {
                    out.printf("%s  package %s  %s  %s → %s  %s%n    %s%n", e.path("id").asText(), e.path("packageId").asText(),
                            e.path("kind").asText(), e.path("documentId").asText(), e.path("receiver").asText(), e.path("parkedAt").asText(),
                            e.path("lastError").asText());
                }
            });
        }
    }

    @Command(name = "show", description = "Show one dead letter in full (properties, deliveries, attempts).")
    static final class Show implements Callable<Integer> {
        @CommandLine.ParentCommand DlqCommand dlq;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() throws Exception {
            return dlq.call("GET", "/" + id, (body, out) -> out.println(body.toPrettyString()));
        }
    }

    @Command(name = "replay", description = "Put a dead letter (or --all) back on the queue it came from.")
    static final class Replay implements Callable<Integer> {
        @CommandLine.ParentCommand DlqCommand dlq;
        @Parameters(paramLabel = "ID", arity = "0..1") String id;
        @Option(names = "--all", description = "every dead letter") boolean all;

        @Override
        public Integer call() throws Exception {
            if (all == (id != null)) {
                dlq.spec.commandLine().getErr().println("give an ID or --all");
                return 2;
            }
            return dlq.call("POST", "/" + (all ? "all" : id) + "/replay", (body, out) -> {
                for (JsonNode i : body.path("ids")) out.println("replayed " + i.asText());
                if (body.path("ids").size() == 0) out.println("nothing to replay");
                if (body.hasNonNull("detail")) out.println(body.get("detail").asText());
            });
        }
    }

    @Command(name = "discard", description = "Remove a dead letter for good (its delivery stays DEAD_LETTER in the record).")
    static final class Discard implements Callable<Integer> {
        @CommandLine.ParentCommand DlqCommand dlq;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() throws Exception {
            return dlq.call("POST", "/" + id + "/discard", (body, out) -> out.println("discarded " + id));
        }
    }
}
