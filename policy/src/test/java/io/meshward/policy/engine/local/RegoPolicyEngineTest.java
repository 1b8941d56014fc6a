package io.meshward.policy.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.engine.AccessBundle;
import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RegoPolicyEngineTest {

  private static final Duration BUDGET = Duration.ofSeconds(5);

  private final RegoPolicyEngine engine =
      RegoPolicyEngine.compile(
          AccessBundle.modules(), AccessBundle.data(), RegoPolicyEngine.Options.DEFAULTS);

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void decidesEveryCaseOfTheTable() {
    for (AccessBundle.Case c : AccessBundle.cases()) {
      PolicyResult r = engine.evaluate(AccessBundle.ALLOW, c.input(), BUDGET);
      assertThat(r).as(c.label()).isInstanceOf(PolicyResult.Defined.class);
      assertThat(((PolicyResult.Defined) r).document())
          .as(c.label())
          .isEqualTo(BooleanValue.of(c.allowed()));
    }
  }

  @Test
  void returnsAFalseDocumentAsDefinedNotUndefined() {
    PolicyResult r = engine.evaluate(AccessBundle.ALLOW, ObjectValue.EMPTY, BUDGET);
    assertThat(r).isInstanceOf(PolicyResult.Defined.class);
    assertThat(((PolicyResult.Defined) r).document()).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void returnsTheWholePackageDocumentWithDenyReasons() {
    Value input = AccessBundle.input(List.of("admins"), "fail", List.of("quarantine"));
    PolicyResult r = engine.evaluate(AccessBundle.ACCESS, input, BUDGET);
    Value doc = ((PolicyResult.Defined) r).document();
    assertThat(doc)
        .isEqualTo(
            ObjectValue.ofStrings(
                "allow",
                BooleanValue.FALSE,
                "deny",
                SetValue.of(
                    List.of(
                        StringValue.of("destination is quarantined"),
                        StringValue.of("source device fails the os-version posture check")))));
  }

  @Test
  void explainsWhichRulesProducedTheDecisionWithTheirMetadata() {
    Value input = AccessBundle.input(List.of("admins"), "pass", List.of("databases"));
    PolicyResult.Defined r =
        (PolicyResult.Defined) engine.evaluate(AccessBundle.ALLOW, input, BUDGET);
    assertThat(r.rules())
        .anySatisfy(
            ref -> {
              assertThat(ref.rule()).isEqualTo("data.meshward.access.allow");
              assertThat(ref.id()).isEqualTo("admin-healthy-os");
              assertThat(ref.title()).startsWith("Admins with a healthy OS");
              assertThat(ref.location()).matches(".*access\\.rego:\\d+:\\d+");
            });
    assertThat(r.rules()).noneMatch(ref -> "group-pair".equals(ref.id()));
  }

  @Test
  void explanationsCanBeSwitchedOff() {
    try (RegoPolicyEngine quiet =
        RegoPolicyEngine.compile(
            AccessBundle.modules(),
            AccessBundle.data(),
            new RegoPolicyEngine.Options(false, 1000))) {
      Value input = AccessBundle.input(List.of("admins"), "pass", List.of("databases"));
      PolicyResult.Defined r =
          (PolicyResult.Defined) quiet.evaluate(AccessBundle.ALLOW, input, BUDGET);
      assertThat(r.document()).isEqualTo(BooleanValue.TRUE);
      assertThat(r.rules()).isEmpty();
    }
  }

  @Test
  void aPathNoRuleDefinesIsUndefined() {
    assertThat(engine.evaluate(DataPath.parse("meshward/nothing/here"), null, BUDGET))
        .isEqualTo(PolicyResult.UNDEFINED);
    assertThat(engine.evaluate(DataPath.parse("meshward/access/deny/x"), null, BUDGET))
        .isEqualTo(PolicyResult.UNDEFINED);
  }

  @Test
  void theRootPathIsTheWholeDataDocument() {
    PolicyResult.Defined r =
        (PolicyResult.Defined) engine.evaluate(DataPath.ROOT, ObjectValue.EMPTY, BUDGET);
    ObjectValue meshward = (ObjectValue) ((ObjectValue) r.document()).get("meshward");
    assertThat(meshward.get("pairs")).isInstanceOf(io.meshward.policy.value.ArrayValue.class);
    assertThat(((ObjectValue) meshward.get("access")).get("allow")).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void evaluationErrorsAreFailuresWithFileRowAndColumn() {
    try (RegoPolicyEngine broken = compileDir("broken")) {
      PolicyResult r =
          broken.evaluate(
              DataPath.parse("broken/level"), Json.parse("{\"a\": true, \"b\": true}"), BUDGET);
      assertThat(r).isInstanceOf(PolicyResult.Failed.class);
      PolicyResult.Failed f = (PolicyResult.Failed) r;
      assertThat(f.kind()).isEqualTo(FailureKind.ENGINE_ERROR);
      assertThat(f.reason())
          .contains("data.broken.level")
          .containsPattern("conflict\\.rego:\\d+:\\d+")
          .contains("eval_conflict_error");
      // Only one rule applies: no conflict, a value.
      PolicyResult one =
          broken.evaluate(DataPath.parse("broken/level"), Json.parse("{\"a\": true}"), BUDGET);
      assertThat(one).isInstanceOf(PolicyResult.Defined.class);
      assertThat(((PolicyResult.Defined) one).document()).isEqualTo(StringValue.of("low"));
    }
  }

  @Test
  @Timeout(60)
  void aRunawayPolicyEndsWithABudgetFailureNotAHang() {
    try (RegoPolicyEngine runaway = compileDir("runaway")) {
      PolicyResult r =
          runaway.evaluate(DataPath.parse("runaway/spin"), null, Duration.ofMillis(300));
      assertThat(r).isInstanceOf(PolicyResult.Failed.class);
      PolicyResult.Failed f = (PolicyResult.Failed) r;
      assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(f.reason()).contains("data.runaway.spin").contains("budget");
    }
  }

  @Test
  @Timeout(60)
  void theStepLimitStopsARunawayPolicyToo() {
    Map<String, String> modules =
        Map.of(
            "runaway.rego", AccessBundle.read(AccessBundle.dir("runaway").resolve("runaway.rego")));
    try (RegoPolicyEngine limited =
        RegoPolicyEngine.compile(
            modules, ObjectValue.EMPTY, new RegoPolicyEngine.Options(false, 10_000))) {
      PolicyResult r =
          limited.evaluate(DataPath.parse("runaway/spin"), null, Duration.ofMinutes(5));
      assertThat(r).isInstanceOf(PolicyResult.Failed.class);
      assertThat(((PolicyResult.Failed) r).kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(((PolicyResult.Failed) r).reason()).contains("step limit of 10000");
    }
  }

  @Test
  @Timeout(60)
  void aDeadlineHitInsideABuiltinIsATimeoutNotAMissingDenyReason() {
    // numbers.range checks the deadline while it builds; in non-strict mode that builtin error
    // would only make the rule undefined, i.e. an empty deny set.
    String source =
        "package slow\n\nimport rego.v1\n\n"
            + "deny contains \"too many\" if count(numbers.range(1, 9000000)) > 0\n";
    try (RegoPolicyEngine slow =
        RegoPolicyEngine.compile(
            Map.of("slow.rego", source), ObjectValue.EMPTY, RegoPolicyEngine.Options.DEFAULTS)) {
      assertThat(
              ((PolicyResult.Defined)
                      slow.evaluate(DataPath.parse("slow/deny"), null, Duration.ofMinutes(5)))
                  .document())
          .isEqualTo(SetValue.of(List.of(StringValue.of("too many"))));
      PolicyResult r = slow.evaluate(DataPath.parse("slow/deny"), null, Duration.ofMillis(1));
      assertThat(r).isInstanceOf(PolicyResult.Failed.class);
      assertThat(((PolicyResult.Failed) r).kind()).isEqualTo(FailureKind.TIMEOUT);
    }
  }

  @Test
  void anExhaustedBudgetFailsWithoutEvaluating() {
    PolicyResult r = engine.evaluate(AccessBundle.ALLOW, ObjectValue.EMPTY, Duration.ZERO);
    assertThat(r).isInstanceOf(PolicyResult.Failed.class);
    assertThat(((PolicyResult.Failed) r).kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(engine.evaluate(AccessBundle.ALLOW, null, Duration.ofSeconds(-1)))
        .isInstanceOf(PolicyResult.Failed.class);
  }

  @Test
  void aClosedEngineFailsEveryDecision() {
    engine.close();
    PolicyResult r = engine.evaluate(AccessBundle.ALLOW, ObjectValue.EMPTY, BUDGET);
    assertThat(r).isInstanceOf(PolicyResult.Failed.class);
    assertThat(((PolicyResult.Failed) r).reason()).contains("closed");
  }

  @Test
  void compileErrorsAreReportedWhenTheEngineIsBuilt() {
    assertThatThrownBy(
            () ->
                RegoPolicyEngine.compile(
                    Map.of("bad.rego", "package bad\n\nallow if {\n"),
                    ObjectValue.EMPTY,
                    RegoPolicyEngine.Options.DEFAULTS))
        .isInstanceOf(RegoException.class)
        .hasMessageContaining("bad.rego:");
  }

  @Test
  void manyConcurrentDecisionsAgreeWithSequentialOnes() throws Exception {
    List<AccessBundle.Case> cases = AccessBundle.cases();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PolicyResult>> futures = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        AccessBundle.Case c = cases.get(i % cases.size());
        futures.add(pool.submit(() -> engine.evaluate(AccessBundle.ALLOW, c.input(), BUDGET)));
      }
      for (int i = 0; i < futures.size(); i++) {
        AccessBundle.Case c = cases.get(i % cases.size());
        PolicyResult r = futures.get(i).get();
        assertThat(r).as(c.label()).isInstanceOf(PolicyResult.Defined.class);
        assertThat(((PolicyResult.Defined) r).document())
            .as(c.label())
            .isEqualTo(BooleanValue.of(c.allowed()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static RegoPolicyEngine compileDir(String name) {
    return RegoPolicyEngine.compile(
        AccessBundle.modulesIn(AccessBundle.dir(name)),
        ObjectValue.EMPTY,
        RegoPolicyEngine.Options.DEFAULTS);
  }
}
