package io.meshward.policy.server;

import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.load.PolicyFileLoader;
import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.rego.RegoException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rego-cli serve}: answer OPA's REST API from Meshward's engine until SIGTERM. */
@Command(
    name = "serve",
    description = {
      "Serve OPA's REST API (POST/GET /v1/data/{path}, GET /health) from Meshward's engine.",
      "Listens on loopback unless told otherwise; stops cleanly on SIGTERM or Ctrl-C."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--addr",
      defaultValue = "127.0.0.1:8181",
      description = "host:port to listen on (default: ${DEFAULT-VALUE}); port 0 picks a free one.")
  String addr;

  @Option(
      names = {"-d", "--data"},
      required = true,
      description = "Policy or data file or directory (repeatable), as for 'eval -d'.")
  List<Path> data = new ArrayList<>();

  @Option(
      names = "--timeout",
      defaultValue = "5s",
      description =
          "Evaluation budget per request, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--token-file",
      description = "File holding a bearer token every request but /health must send.")
  Path tokenFile;

  @Option(
      names = "--log-level",
      defaultValue = "info",
      description = "debug, info or error (default: ${DEFAULT-VALUE}); debug logs each request.")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerLog.Level level;
    Duration budget;
    InetSocketAddress address;
    try {
      level = ServerLog.Level.valueOf(logLevel.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("error: --log-level must be debug, info or error, got '" + logLevel + "'");
      return 2;
    }
    try {
      budget = parseDuration(timeout);
      address = parseAddress(addr);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    String token = null;
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile).strip();
      } catch (IOException e) {
        err.println("error: cannot read --token-file " + tokenFile + ": " + e.getMessage());
        return 2;
      }
      if (token.isEmpty() || token.contains("\n")) {
        err.println("error: --token-file " + tokenFile + " must hold one non-empty line");
        return 2;
      }
    }
    if (token == null && !address.getAddress().isLoopbackAddress()) {
      err.println(
          "error: refusing to serve policy decisions on "
              + addr
              + " without authentication: pass --token-file, or listen on 127.0.0.1");
      return 2;
    }
    PolicyFileLoader.Loaded files;
    try {
      files = PolicyFileLoader.load(data);
    } catch (PolicyFileLoader.LoadException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    RegoPolicyEngine engine;
    try {
      // Explanations are not part of OPA's answer, so don't pay for the trace.
      engine =
          RegoPolicyEngine.compile(
              files.modules(),
              files.data(),
              new RegoPolicyEngine.Options(false, EvalOptions.DEFAULT_STEP_LIMIT));
    } catch (RegoException e) {
      for (RegoError error : e.errors()) {
        err.println(error);
      }
      err.println(e.errors().size() + " error(s): fix the locations above and start serve again");
      return 2;
    }
    ServerLog log = new ServerLog(level, err);
    OpaServer server;
    try {
      server =
          OpaServer.start(address, engine, new OpaServer.Settings(budget, token, 8 << 20), log);
    } catch (IOException e) {
      engine.close();
      err.println(
          "error: cannot listen on " + addr + ": " + e.getMessage() + " (is the port in use?)");
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping: finishing requests in flight");
                  server.stop(Duration.ofSeconds(2));
                  engine.close();
                  log.info("stopped");
                  stopped.countDown();
                },
                "rego-serve-shutdown"));
    out.println(
        "rego-cli serve: listening on "
            + server.baseUri()
            + " ("
            + files.modules().size()
            + " module(s); evaluation budget "
            + budget.toMillis()
            + "ms"
            + (token == null ? "" : "; bearer token required")
            + ")");
    out.flush();
    stopped.await();
    return 0;
  }

  /** {@code 250ms}, {@code 5s}, {@code 2m}. */
  static Duration parseDuration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        throw new NumberFormatException();
      }
      if (d.isZero() || d.isNegative()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--timeout must be a positive duration like 500ms, 5s or 1m, got '" + text + "'");
    }
  }

  /** {@code host:port}, {@code [v6]:port}, or {@code :port} for every interface, like OPA. */
  static InetSocketAddress parseAddress(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--addr must be host:port like 127.0.0.1:8181, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--addr port must be 0-65535, got '" + text.substring(colon + 1) + "'");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--addr host '" + host + "' does not resolve");
    }
  }
}
