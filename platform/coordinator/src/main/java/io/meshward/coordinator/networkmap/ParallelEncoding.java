package io.meshward.coordinator.networkmap;

import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.RelayInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Encodes and digests many peers' maps on a small bounded pool while the network map worker, which
 * owns all state, applies the finished ones in order (compare digest, bump serial, send). The pool
 * only reads the encoder and the graph, which do not change until {@link #encode} returns: it
 * returns only once every task it started has ended, even when one failed.
 */
final class ParallelEncoding implements AutoCloseable {

  /** Maps per task: small enough that sending starts early, large enough to be worth a task. */
  static final int CHUNK = 32;

  /** One map to encode, with everything read from worker-owned state beforehand. */
  record Job(String peerId, PeerConfig self, List<RelayInfo> relays, long serial) {}

  record Result(Job job, MapEncoder.Encoded map, byte[] digest) {}

  private final ExecutorService pool;

  ParallelEncoding(int threads) {
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "networkmap-encode");
              t.setDaemon(true);
              return t;
            });
  }

  static int defaultThreads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** Encodes every job and hands each result to {@code apply} on the calling thread, in order. */
  void encode(MapEncoder encoder, AccessGraph graph, List<Job> jobs, Consumer<Result> apply) {
    if (jobs.size() <= CHUNK) {
      encodeChunk(encoder, graph, jobs).forEach(apply);
      return;
    }
    List<Future<List<Result>>> chunks = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += CHUNK) {
      List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + CHUNK));
      chunks.add(pool.submit(() -> encodeChunk(encoder, graph, chunk)));
    }
    RuntimeException failure = null;
    boolean interrupted = false;
    for (Future<List<Result>> chunk : chunks) {
      if (interrupted) {
        chunk.cancel(true);
        continue;
      }
      try {
        List<Result> results = chunk.get();
        if (failure == null) {
          results.forEach(apply);
        }
      } catch (ExecutionException e) {
        failure = failure != null ? failure : new IllegalStateException("encoding failed", e);
      } catch (RuntimeException e) {
        failure = failure != null ? failure : e;
      } catch (InterruptedException e) {
        // shutting down: nothing more is applied, and the state is not read again
        interrupted = true;
        failure = failure != null ? failure : new IllegalStateException("interrupted", e);
        chunk.cancel(true);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static List<Result> encodeChunk(MapEncoder encoder, AccessGraph graph, List<Job> jobs) {
    Map<AccessDecision.PortRule, byte[]> ruleCache = new HashMap<>();
    List<Result> results = new ArrayList<>(jobs.size());
    for (Job job : jobs) {
      MapEncoder.Encoded map =
          encoder.encode(graph, job.self(), job.relays(), job.serial(), ruleCache);
      results.add(new Result(job, map, map.digest()));
    }
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
