package io.meshward.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.engine.AccessBundle;
import io.meshward.policy.engine.DataPath;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyEngine;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.engine.opa.OpaHttpPolicyEngine;
import io.meshward.policy.engine.opa.OpaHttpSettings;
import io.meshward.policy.load.PolicyFileLoader;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OPA-over-HTTP engine pointed at a running {@code serve} decides exactly as the in-process
 * engine does on the same bundle; with the server gone, every decision fails closed.
 */
@Timeout(120)
class EngineParityTest {

  private static final Duration BUDGET = Duration.ofSeconds(5);

  private static PolicyFileLoader.Loaded files;
  private static RegoPolicyEngine inProcess;
  private static RegoPolicyEngine behindServer;
  private static OpaServer server;
  private static OpaHttpPolicyEngine overHttp;

  @BeforeAll
  static void start() throws Exception {
    files =
        PolicyFileLoader.load(
            List.of(AccessBundle.dir("access-bundle"), AccessBundle.dir("broken")));
    inProcess =
        RegoPolicyEngine.compile(files.modules(), files.data(), RegoPolicyEngine.Options.DEFAULTS);
    behindServer =
        RegoPolicyEngine.compile(files.modules(), files.data(), RegoPolicyEngine.Options.DEFAULTS);
    server =
        OpaServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            behindServer,
            OpaServer.Settings.DEFAULTS);
    overHttp = new OpaHttpPolicyEngine(OpaHttpSettings.of(server.baseUri()));
  }

  @AfterAll
  static void stop() {
    overHttp.close();
    server.close();
    behindServer.close();
    inProcess.close();
  }

  @Test
  void bothEnginesDecideEveryCaseAlikeAndAsExpected() {
    for (AccessBundle.Case c : AccessBundle.cases()) {
      PolicyResult local = inProcess.evaluate(AccessBundle.ALLOW, c.input(), BUDGET);
      PolicyResult remote = overHttp.evaluate(AccessBundle.ALLOW, c.input(), BUDGET);
      assertThat(document(local)).as(c.label()).isEqualTo(BooleanValue.of(c.allowed()));
      assertThat(document(remote)).as(c.label()).isEqualTo(BooleanValue.of(c.allowed()));
    }
  }

  @Test
  void bothEnginesReturnTheSameWholePackageDocument() {
    for (AccessBundle.Case c : AccessBundle.cases()) {
      Value local = document(inProcess.evaluate(AccessBundle.ACCESS, c.input(), BUDGET));
      Value remote = document(overHttp.evaluate(AccessBundle.ACCESS, c.input(), BUDGET));
      // Over JSON a set arrives as a sorted array, exactly as from a real OPA.
      assertThat(Json.write(remote)).as(c.label()).isEqualTo(Json.write(local));
    }
  }

  @Test
  void onlyTheInProcessEngineExplainsItsDecision() {
    Value input = AccessBundle.input(List.of("engineering"), "pass", List.of("build-servers"));
    PolicyResult.Defined local =
        (PolicyResult.Defined) inProcess.evaluate(AccessBundle.ALLOW, input, BUDGET);
    PolicyResult.Defined remote =
        (PolicyResult.Defined) overHttp.evaluate(AccessBundle.ALLOW, input, BUDGET);
    assertThat(local.rules()).anyMatch(r -> "group-pair".equals(r.id()));
    assertThat(remote.rules()).isEmpty();
  }

  @Test
  void bothEnginesAgreeOnUndefinedAndOnEngineErrors() {
    DataPath missing = DataPath.parse("meshward/not/defined");
    assertThat(inProcess.evaluate(missing, ObjectValue.EMPTY, BUDGET))
        .isEqualTo(PolicyResult.UNDEFINED);
    assertThat(overHttp.evaluate(missing, ObjectValue.EMPTY, BUDGET))
        .isEqualTo(PolicyResult.UNDEFINED);

    DataPath conflict = DataPath.parse("broken/level");
    Value both = Json.parse("{\"a\": true, \"b\": true}");
    PolicyResult.Failed local = (PolicyResult.Failed) inProcess.evaluate(conflict, both, BUDGET);
    PolicyResult.Failed remote = (PolicyResult.Failed) overHttp.evaluate(conflict, both, BUDGET);
    assertThat(local.kind()).isEqualTo(FailureKind.ENGINE_ERROR);
    assertThat(remote.kind()).isEqualTo(FailureKind.ENGINE_ERROR);
    assertThat(remote.reason()).contains(local.reason());
  }

  @Test
  void concurrentDecisionsOverHttpAgreeWithTheTable() throws Exception {
    List<AccessBundle.Case> cases = AccessBundle.cases();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PolicyResult>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        AccessBundle.Case c = cases.get(i % cases.size());
        futures.add(pool.submit(() -> overHttp.evaluate(AccessBundle.ALLOW, c.input(), BUDGET)));
      }
      for (int i = 0; i < futures.size(); i++) {
        AccessBundle.Case c = cases.get(i % cases.size());
        assertThat(document(futures.get(i).get()))
            .as(c.label())
            .isEqualTo(BooleanValue.of(c.allowed()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withTheServerStoppedEveryDecisionIsUnreachable() throws Exception {
    RegoPolicyEngine engine =
        RegoPolicyEngine.compile(files.modules(), files.data(), RegoPolicyEngine.Options.DEFAULTS);
    OpaServer doomed =
        OpaServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            engine,
            OpaServer.Settings.DEFAULTS);
    try (PolicyEngine opa = new OpaHttpPolicyEngine(OpaHttpSettings.of(doomed.baseUri()))) {
      Value input = AccessBundle.input(List.of("admins"), "pass", List.of("databases"));
      assertThat(document(opa.evaluate(AccessBundle.ALLOW, input, BUDGET)))
          .isEqualTo(BooleanValue.TRUE);
      doomed.close();
      engine.close();
      for (AccessBundle.Case c : AccessBundle.cases()) {
        PolicyResult r = opa.evaluate(AccessBundle.ALLOW, c.input(), BUDGET);
        assertThat(r).as(c.label()).isInstanceOf(PolicyResult.Failed.class);
        PolicyResult.Failed f = (PolicyResult.Failed) r;
        assertThat(f.kind()).as(c.label()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(f.reason())
            .as(c.label())
            .contains(doomed.baseUri() + "/v1/data/meshward/access/allow")
            .containsIgnoringCase("connection refused");
      }
    }
  }

  private static Value document(PolicyResult r) {
    assertThat(r).isInstanceOf(PolicyResult.Defined.class);
    return ((PolicyResult.Defined) r).document();
  }
}
