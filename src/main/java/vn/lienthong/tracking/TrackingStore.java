package vn.lienthong.tracking;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The tracking store over JDBC: H2 file database by default, PostgreSQL by configuration. The
 * schema is created and upgraded by Flyway migrations ({@code db/migration}) at start-up, so an
 * upgrade never needs hand-run SQL (R19).
 */
public final class TrackingStore implements AutoCloseable {
    private final HikariDataSource dataSource;

    /** Work done in one database transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    public TrackingStore(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(Math.max(2, poolSize)); // Flyway takes two
        cfg.setAutoCommit(false);
        cfg.setPoolName("tracking");
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        this.dataSource = new HikariDataSource(cfg);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /**
     * The default H2 file database under the data directory; AUTO_SERVER lets the CLI read it while the gateway runs.
     * WRITE_DELAY=0: every commit is written to the file before commit() returns. H2's default (500 ms) keeps
     * committed transactions in memory for up to half a second, so a killed process would lose rows the broker
     * already holds messages for (lost packages, reused package ids colliding with broker duplicate ids).
     */
    public static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/lienthong") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in a transaction: commit on success, roll back on any failure. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new TrackingException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A database failure; the step that hit it is retried from its durable queue. */
    public static final class TrackingException extends RuntimeException {
        public TrackingException(SQLException e) {
            super(e.getMessage(), e);
        }
    }
}
