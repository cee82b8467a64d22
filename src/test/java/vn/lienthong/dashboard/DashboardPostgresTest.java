package vn.lienthong.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** The dashboard's queries on PostgreSQL (127.0.0.1:5432, user postgres; LIENTHONG_TEST_PG overrides), one database per test. */
class DashboardPostgresTest extends DashboardTest {
    static final String SERVER = System.getenv().getOrDefault("LIENTHONG_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private String db;

    @Override
    String databaseUrl() throws Exception {
        db = "lienthong_dash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return SERVER + db;
    }

    @Override
    void dropDatabase() throws Exception {
        if (db == null) return;
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
        }
    }
}
