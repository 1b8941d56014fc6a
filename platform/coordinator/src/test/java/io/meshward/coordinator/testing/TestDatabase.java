package io.meshward.coordinator.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The databases the coordinator's tests run on: embedded H2 (default) and real PostgreSQL. */
public enum TestDatabase {
  H2 {
    @Override
    public List<String> arguments() {
      return List.of();
    }
  },
  POSTGRES {
    @Override
    public List<String> arguments() {
      String database = "mw_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = postgres().getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE " + database);
      } catch (SQLException e) {
        throw new IllegalStateException("Could not create a test database", e);
      }
      return List.of(
          "--spring.datasource.url=" + postgres().getJdbcUrl("postgres", database),
          "--spring.datasource.username=postgres",
          "--spring.datasource.password=");
    }
  };

  private static EmbeddedPostgres postgres;

  /** Command-line arguments pointing a coordinator at a fresh, empty database. */
  public abstract List<String> arguments();

  /** One PostgreSQL server (from zonky's embedded binaries) per test JVM. */
  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return postgres;
  }
}
