package vn.lienthong.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.registry.Operators;

/**
 * {@code bin/lienthong operator-hash <username>}: asks for a dashboard operator's password (twice, not
 * echoed; or one line from standard input with {@code --stdin}) and prints the entry to paste under
 * {@code operators:} in the credentials file.
 */
@Command(name = "operator-hash", description = "Make a dashboard operator's password hash (PBKDF2) and print the credentials-file entry.")
public final class OperatorHash implements Callable<Integer> {
    @Parameters(paramLabel = "USERNAME", description = "the operator's login name") String username;
    @Option(names = "--name", description = "the operator's full name, shown on the dashboard") String name;
    @Option(names = "--stdin", description = "read the password from the first line of standard input") boolean stdin;
    @Option(names = "--iterations", description = "PBKDF2 iterations (default: ${DEFAULT-VALUE})") int iterations = Operators.DEFAULT_ITERATIONS;

    @Override
    public Integer call() throws Exception {
        char[] password;
        Console console = System.console();
        if (stdin || console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        } else {
            password = console.readPassword("Mật khẩu / password: ");
            char[] again = console.readPassword("Nhập lại / again: ");
            if (!Arrays.equals(password, again)) {
                System.err.println("passwords differ / hai lần nhập không khớp");
                return 2;
            }
        }
        if (password.length < 10) {
            System.err.println("password too short: at least 10 characters / mật khẩu tối thiểu 10 ký tự");
            return 2;
        }
        String hash = Operators.hash(password, iterations);
        Arrays.fill(password, '\0');
        System.out.println("operators:");
        System.out.println("  - username: " + username);
        if (name != null) System.out.println("    name: \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        System.out.println("    password-hash: " + hash);
        return 0;
    }
}
