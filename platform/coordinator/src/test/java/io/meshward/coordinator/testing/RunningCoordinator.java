package io.meshward.coordinator.testing;

import io.meshward.coordinator.CoordinatorApplication;
import io.meshward.coordinator.accounts.AccountService;
import io.meshward.coordinator.accounts.NewAccount;
import io.meshward.coordinator.grpc.GrpcServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A real coordinator on loopback sockets (HTTP and gRPC on free ports) for tests. */
public final class RunningCoordinator implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final Path dataDir;
  private final String adminToken;

  private RunningCoordinator(ConfigurableApplicationContext context, Path dataDir)
      throws Exception {
    this.context = context;
    this.dataDir = dataDir;
    Path tokenFile = dataDir.resolve("admin-token");
    this.adminToken = Files.exists(tokenFile) ? Files.readString(tokenFile).trim() : null;
  }

  /** Starts on a data directory that already holds an H2 database (a restart). */
  public static RunningCoordinator startExisting(TestDatabase database, Path dataDir)
      throws Exception {
    if (database != TestDatabase.H2) {
      throw new IllegalArgumentException("restarts are exercised on H2 only");
    }
    return start(database, dataDir);
  }

  public static RunningCoordinator start(
      TestDatabase database, Path dataDir, Class<?>... extraConfiguration) throws Exception {
    return start(database, dataDir, List.of(), extraConfiguration);
  }

  /** Starts with further command-line properties ({@code --name=value}). */
  public static RunningCoordinator start(
      TestDatabase database,
      Path dataDir,
      List<String> extraArguments,
      Class<?>... extraConfiguration)
      throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--meshward.grpc.port=0");
    args.add("--meshward.data-dir=" + dataDir);
    args.add("--meshward.grpc.expiry-sweep-interval=PT1S");
    args.addAll(database.arguments());
    args.addAll(extraArguments);
    List<Class<?>> sources = new ArrayList<>();
    sources.add(CoordinatorApplication.class);
    sources.addAll(List.of(extraConfiguration));
    var app = new SpringApplication(sources.toArray(Class<?>[]::new));
    return new RunningCoordinator(app.run(args.toArray(String[]::new)), dataDir);
  }

  public int httpPort() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public int grpcPort() {
    return context.getBean(GrpcServer.class).port();
  }

  public Path dataDir() {
    return dataDir;
  }

  public String adminToken() {
    return adminToken;
  }

  public Rest rest(String token) {
    return new Rest(httpPort(), token);
  }

  public Rest admin() {
    return rest(adminToken);
  }

  public AgentDevice device() throws Exception {
    return new AgentDevice(grpcPort(), dataDir.resolve("ca/ca-cert.pem"));
  }

  /** Creates another account through the coordinator's own service (no REST for that yet). */
  public NewAccount createAccount(String name) {
    return context.getBean(AccountService.class).createAccount(name, "test");
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
