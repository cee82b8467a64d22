package vn.lienthong.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.lienthong.config.ConfigCheck;

/** {@code bin/lienthong config check}: every configuration and route file checked, problems with file and line. */
@Command(name = "config", mixinStandardHelpOptions = true, subcommands = ConfigCommand.Check.class,
        description = "Configuration tools.")
public final class ConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check config/gateway.yaml, agencies.yaml, calendar.yaml, trust.yaml (and anchors), the credentials file,",
                    "and every routes/*.yaml (YAML syntax, known templates and their required parameters, agency ids that exist).",
                    "Exit codes: 0 all good, 2 problems found (each printed as file:line: what is wrong)."})
    static final class Check implements Callable<Integer> {
        @Mixin Installation installation;

        @Override
        public Integer call() {
            var layout = installation.layout();
            ConfigCheck.Result r = new ConfigCheck(layout.config(), layout.routes()).run();
            for (ConfigCheck.Problem p : r.problems()) System.out.println(p.describe(layout.home()));
            if (r.ok()) {
                System.out.println("OK: " + r.checked().size() + " files checked / cấu hình hợp lệ");
                return 0;
            }
            System.out.println(r.problems().size() + " problem(s) in " + r.checked().size() + " files checked / cấu hình có lỗi");
            return 2;
        }
    }
}
