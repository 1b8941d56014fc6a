package io.meshward.plugin.host;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.PluginLog;
import io.meshward.plugin.api.PostureResult;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks so that no plugin can hurt the host: each evaluation runs on its own virtual thread
 * under a deadline, at most {@link HostSettings#maxConcurrentPerPlugin()} at once per plugin, and
 * anything but a well-formed result in time becomes UNKNOWN with a reason.
 */
public final class CheckRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

  private final HostSettings settings;
  private final HttpClient httpClient;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("posture-check-", 0).factory());
  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final Map<String, PluginLog> logs = new ConcurrentHashMap<>();

  public CheckRunner(HostSettings settings, HttpClient httpClient, Clock clock) {
    this.settings = settings;
    this.httpClient = httpClient;
    this.clock = clock;
  }

  /** Evaluates one check. */
  public Evaluation evaluate(HostedCheck check, Device device) {
    return evaluateAll(List.of(check), device).get(check.pluginId());
  }

  /** Evaluates every check in parallel under one deadline; returns results by plugin id. */
  public Map<String, Evaluation> evaluateAll(List<HostedCheck> checks, Device device) {
    Instant started = clock.instant();
    Instant deadline = started.plus(settings.evaluationTimeout());
    long deadlineNanos = System.nanoTime() + settings.evaluationTimeout().toNanos();
    Map<String, Attempt> running = new LinkedHashMap<>();
    Map<String, Evaluation> done = new LinkedHashMap<>();
    for (HostedCheck check : checks) {
      Semaphore semaphore =
          permits.computeIfAbsent(
              check.pluginId(), id -> new Semaphore(settings.maxConcurrentPerPlugin()));
      if (!semaphore.tryAcquire()) {
        done.put(
            check.pluginId(),
            failure(
                check,
                started,
                Evaluation.Outcome.BUSY,
                settings.maxConcurrentPerPlugin()
                    + " evaluations of this plugin are still running past their deadline;"
                    + " not starting another"));
        continue;
      }
      Attempt attempt =
          new Attempt(check, device, new Context(deadline, deadlineNanos, check), semaphore);
      try {
        executor.execute(attempt);
        running.put(check.pluginId(), attempt);
      } catch (RuntimeException e) {
        semaphore.release();
        done.put(
            check.pluginId(),
            failure(check, started, Evaluation.Outcome.BUSY, "host is shutting down"));
      }
    }
    for (HostedCheck check : checks) {
      Attempt attempt = running.get(check.pluginId());
      if (attempt != null) {
        done.put(check.pluginId(), await(check, attempt, started, deadlineNanos));
      }
    }
    return done;
  }

  /**
   * One evaluation on its own thread. It always releases its permit, whether it runs, is abandoned
   * before it starts, or ends long after the host stopped waiting.
   */
  private static final class Attempt implements Runnable {
    private final HostedCheck check;
    private final Device device;
    private final Context context;
    private final Semaphore semaphore;
    private final CompletableFuture<PostureResult> result = new CompletableFuture<>();
    private volatile Thread worker;
    private volatile boolean abandoned;

    Attempt(HostedCheck check, Device device, Context context, Semaphore semaphore) {
      this.check = check;
      this.device = device;
      this.context = context;
      this.semaphore = semaphore;
    }

    @Override
    public void run() {
      if (abandoned || context.remaining().isZero()) {
        semaphore.release();
        return;
      }
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      worker = thread;
      thread.setContextClassLoader(check.classLoader());
      try {
        result.complete(check.check().evaluate(device, context));
      } catch (Throwable t) {
        // Everything a plugin throws, errors included, becomes the evaluation's outcome.
        result.completeExceptionally(t);
      } finally {
        worker = null;
        thread.setContextClassLoader(previous);
        semaphore.release();
      }
    }

    /** The host stops waiting: interrupt the plugin if it runs, skip it if it has not started. */
    void abandon() {
      abandoned = true;
      Thread running = worker;
      if (running != null) {
        running.interrupt();
      }
    }
  }

  private Evaluation await(
      HostedCheck check, Attempt attempt, Instant started, long deadlineNanos) {
    PostureResult result;
    try {
      result =
          attempt.result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      attempt.abandon();
      return failure(
          check,
          started,
          Evaluation.Outcome.TIMED_OUT,
          "did not answer within its deadline of "
              + settings.evaluationTimeout().toMillis()
              + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      boolean crashed = cause instanceof Error;
      return failure(
          check,
          started,
          crashed ? Evaluation.Outcome.CRASHED : Evaluation.Outcome.THREW,
          (crashed ? "crashed: " : "threw ") + LoadedPlugins.describe(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      attempt.abandon();
      return failure(check, started, Evaluation.Outcome.TIMED_OUT, "evaluation interrupted");
    }
    if (result == null) {
      return failure(check, started, Evaluation.Outcome.NO_RESULT, "returned no result");
    }
    List<String> problems = ResultValidator.problems(result, check.declarations());
    if (!problems.isEmpty()) {
      return failure(
          check,
          started,
          Evaluation.Outcome.MALFORMED,
          "returned malformed facts: " + String.join("; ", problems));
    }
    Duration validity =
        result.validFor().compareTo(settings.maxValidity()) > 0
            ? settings.maxValidity()
            : result.validFor();
    return new Evaluation(
        check.pluginId(), result, started, started.plus(validity), Evaluation.Outcome.ANSWERED);
  }

  private Evaluation failure(
      HostedCheck check, Instant started, Evaluation.Outcome outcome, String why) {
    log.warn("Posture plugin {} gave no usable result: {}", check.pluginId(), why);
    PostureResult unknown =
        PostureResult.unknown("plugin " + check.pluginId() + " " + why)
            .validFor(settings.retryAfterFailure());
    return new Evaluation(
        check.pluginId(), unknown, started, started.plus(settings.retryAfterFailure()), outcome);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private final class Context implements CheckContext {
    private final Instant deadline;
    private final long deadlineNanos;
    private final HostedCheck check;

    Context(Instant deadline, long deadlineNanos, HostedCheck check) {
      this.deadline = deadline;
      this.deadlineNanos = deadlineNanos;
      this.check = check;
    }

    @Override
    public Instant deadline() {
      return deadline;
    }

    @Override
    public Duration remaining() {
      return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    @Override
    public HttpClient httpClient() {
      return httpClient;
    }

    @Override
    public Map<String, String> config() {
      return settings.configOf(check.pluginId());
    }

    @Override
    public PluginLog log() {
      return logs.computeIfAbsent(check.pluginId(), Slf4jPluginLog::new);
    }
  }
}
