package vn.lienthong.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.registry.AgenciesFile;
import vn.lienthong.registry.Agency;

/**
 * {@code bin/lienthong agencies list|add|disable|enable}: the agencies of {@code config/agencies.yaml},
 * edited in place with their comments kept. A disabled agency can neither send nor receive (E304).
 */
@Command(name = "agencies", mixinStandardHelpOptions = true,
        subcommands = {Agencies.ListAgencies.class, Agencies.Add.class, Agencies.Disable.class, Agencies.Enable.class},
        description = {"List, add, disable or enable the agencies of config/agencies.yaml (comments are kept).",
                "Exit codes: 0 done, 1 error, 2 refused (bad id, already listed, unknown agency)."})
public final class Agencies implements Callable<Integer> {
    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return 0;
    }

    static Path file(Installation i) {
        return i.layout().config().resolve("agencies.yaml");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every agency: id, name, e-mail, flags.")
    static final class ListAgencies implements Callable<Integer> {
        @Mixin Installation installation;

        @Override
        public Integer call() throws Exception {
            for (Agency a : installation.agencies().all()) {
                System.out.println(a.id() + "  " + (a.name() == null ? "" : a.name()) + (a.email() == null ? "" : "  <" + a.email() + ">")
                        + (a.disabled() ? "  DISABLED" : "") + (a.allocateDocumentIds() ? "  allocate-document-ids" : "")
                        + (a.gatewaySigns() ? "  gateway-signs" : ""));
            }
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Append an agency to config/agencies.yaml. It also needs a route file in routes/ (see README: Routes),",
                    "e.g. --with-file-route writes routes/agency-<id>.yaml with its drop folders."})
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "organisation id, strict form 000.00.00.H41") String id;
        @Option(names = "--name", required = true, description = "the agency's name") String name;
        @Option(names = "--email", description = "its registered mail address (R15)") String email;
        @Option(names = "--allocate-document-ids", description = "the gateway numbers its documents (R2)") boolean allocate;
        @Option(names = "--gateway-signs", description = "the gateway signs what it relays for it (R9)") boolean gatewaySigns;
        @Option(names = "--with-file-route", description = "also write routes/agency-<id>.yaml (file-pickup + file-drop)") boolean withRoute;
        @Mixin Installation installation;

        @Override
        public Integer call() throws Exception {
            try {
                new AgenciesFile(file(installation)).add(new Agency(id, name, email, allocate, gatewaySigns, false));
            } catch (IllegalArgumentException e) {
                System.err.println("refused: " + e.getMessage());
                return 2;
            }
            System.out.println("added " + id + " to " + file(installation));
            if (withRoute) {
                Path route = installation.layout().routes().resolve("agency-" + id.replace('.', '_') + ".yaml");
                if (java.nio.file.Files.exists(route)) {
                    System.out.println(route + " exists already: left as it is");
                } else {
                    java.nio.file.Files.writeString(route, "# Agency " + id + " (" + name + "): drop folders under data/agencies/" + id + "/\n"
                            + "- templatedRoute:\n    routeTemplateRef: file-pickup\n    routeId: \"file-pickup-" + id + "\"\n"
                            + "    parameters:\n      - name: agency\n        value: \"" + id + "\"\n"
                            + "- templatedRoute:\n    routeTemplateRef: file-drop\n    routeId: \"file-drop-" + id + "\"\n"
                            + "    parameters:\n      - name: agency\n        value: \"" + id + "\"\n");
                    System.out.println("wrote " + route);
                }
            }
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Mark an agency 'disabled: true': its packages and packages addressed to it are refused (E304).")
    static final class Disable implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "organisation id") String id;
        @Mixin Installation installation;

        @Override
        public Integer call() throws Exception {
            return flag(installation, id, true);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Remove 'disabled: true' from an agency.")
    static final class Enable implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "organisation id") String id;
        @Mixin Installation installation;

        @Override
        public Integer call() throws Exception {
            return flag(installation, id, false);
        }
    }

    static int flag(Installation installation, String id, boolean disabled) throws Exception {
        try {
            boolean changed = new AgenciesFile(file(installation)).setDisabled(id, disabled);
            System.out.println(id + (changed ? (disabled ? " disabled" : " enabled") : (disabled ? " was already disabled" : " was not disabled")));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("refused: " + e.getMessage());
            return 2;
        }
    }
}
