package vn.lienthong.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The same operations and report figures with the tracking store on the PostgreSQL server of this
 * machine (127.0.0.1:5432, user postgres; {@code LIENTHONG_TEST_PG} overrides): the report's SQL runs on
 * both databases. The test creates and drops its own database.
 */
class OperationsCliPostgresTest extends OperationsCliTest {
    static final String SERVER = System.getenv().getOrDefault("LIENTHONG_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private String db;

    @Override
    String databaseUrl() throws Exception {
        db = "lienthong_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return SERVER + db;
    }

    @Override
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
        }
    }
}
