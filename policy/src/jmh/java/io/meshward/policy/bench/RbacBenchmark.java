package io.meshward.policy.bench;

import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.EvalResult;
import io.meshward.policy.rego.PreparedQuery;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.Value;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The role-based access control example of OPA's policy-performance documentation, written afresh:
 * users have roles, roles have grants, a request is allowed when a grant matches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RbacBenchmark {

  static final String POLICY =
      """
      package rbac

      default allow := false

      allow if user_is_admin

      allow if {
        some grant in user_grants
        input.action == grant.action
        input.type == grant.type
      }

      user_is_admin if "admin" in data.user_roles[input.user]

      user_grants contains grant if {
        some role in data.user_roles[input.user]
        some grant in data.role_grants[role]
      }
      """;

  static final String DATA =
      """
      {
        "user_roles": {
          "alice": ["admin"],
          "bob": ["employee", "billing"],
          "eve": ["customer"]
        },
        "role_grants": {
          "customer": [
            {"action": "read", "type": "dog"},
            {"action": "read", "type": "cat"},
            {"action": "adopt", "type": "dog"},
            {"action": "adopt", "type": "cat"}
          ],
          "employee": [
            {"action": "read", "type": "dog"},
            {"action": "read", "type": "cat"},
            {"action": "update", "type": "dog"},
            {"action": "update", "type": "cat"}
          ],
          "billing": [
            {"action": "read", "type": "finance"},
            {"action": "update", "type": "finance"}
          ]
        }
      }
      """;

  private PreparedQuery query;
  private EvalOptions options;

  @Setup
  public void setup() {
    query =
        Rego.builder()
            .module("rbac.rego", POLICY)
            .data(Json.parse(DATA))
            .build()
            .query("data.rbac.allow");
    Value input = Json.parse("{\"user\": \"bob\", \"action\": \"update\", \"type\": \"finance\"}");
    options = EvalOptions.builder().input(input).build();
    EvalResult check = query.evaluate(options);
    if (check.isError() || !check.rows().get(0).expressions().get(0).equals(Json.parse("true"))) {
      throw new IllegalStateException("benchmark policy does not allow bob: " + check);
    }
  }

  @Benchmark
  public EvalResult allowDecision() {
    return query.evaluate(options);
  }
}
