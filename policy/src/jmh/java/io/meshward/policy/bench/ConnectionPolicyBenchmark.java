package io.meshward.policy.bench;

import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.EvalResult;
import io.meshward.policy.rego.PreparedQuery;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.value.Json;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A mesh connection policy: 500 groups and 2,000 allow rules, each allowing one source group to
 * reach one destination group; one decision for a source and destination peer in a few groups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectionPolicyBenchmark {

  static final int GROUPS = 500;
  static final int RULES = 2_000;

  private PreparedQuery query;
  private EvalOptions options;

  static String policy() {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder("package mesh\n\ndefault allow := false\n\n");
    for (int i = 0; i < RULES; i++) {
      int src = random.nextInt(GROUPS);
      int dst = random.nextInt(GROUPS);
      sb.append("allow if {\n  \"group-")
          .append(src)
          .append("\" in input.source.groups\n  \"group-")
          .append(dst)
          .append(
              "\" in input.destination.groups\n  input.destination.port in {22, 443, 8080}\n}\n\n");
    }
    // The last rule is the one the benchmark's peers match.
    sb.append(
        "allow if {\n  \"group-499\" in input.source.groups\n  \"group-498\" in input.destination.groups\n"
            + "  input.destination.port in {22, 443, 8080}\n}\n");
    return sb.toString();
  }

  @Setup
  public void setup() {
    query = Rego.builder().module("mesh.rego", policy()).build().query("data.mesh.allow");
    String input =
        """
        {"source": {"peer": "laptop-17", "groups": ["group-3", "group-77", "group-150", "group-499"]},
         "destination": {"peer": "db-2", "port": 443,
                         "groups": ["group-9", "group-210", "group-498", "group-301"]}}
        """;
    options = EvalOptions.builder().input(Json.parse(input)).build();
    EvalResult check = query.evaluate(options);
    if (check.isError() || !check.rows().get(0).expressions().get(0).equals(Json.parse("true"))) {
      throw new IllegalStateException("benchmark policy does not allow the connection: " + check);
    }
  }

  @Benchmark
  public EvalResult connectionDecision() {
    return query.evaluate(options);
  }
}
