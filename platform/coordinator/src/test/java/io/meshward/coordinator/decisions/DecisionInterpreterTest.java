package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.networkmap.AccessDecision.PortRule;
import io.meshward.policy.engine.FailureKind;
import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.RuleRef;
import io.meshward.policy.value.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One interpretation for every engine: deny wins, ports limit, anything odd denies with why. */
class DecisionInterpreterTest {

  private static PairDecision of(String json, RuleRef... rules) {
    return DecisionInterpreter.interpret(PolicyResult.defined(Json.parse(json), List.of(rules)));
  }

  @Test
  void allowWithPortsAndRuleIds() {
    PairDecision d =
        of(
            "{\"allow\": true, \"ports\": [\"tcp/22\", \"udp/53\", \"tcp/8000-8100\", \"icmp\"]}",
            new RuleRef("data.meshward.access.allow", "a.rego:5:1", "ssh-for-eng", null),
            new RuleRef("data.meshward.access.ports", "a.rego:9:1", null, null));
    assertThat(d.allowed()).isTrue();
    assertThat(d.rules()).containsExactly("ssh-for-eng", "meshward.access.ports");
    assertThat(d.portRules())
        .containsExactly(
            new PortRule("tcp", 22, 22),
            new PortRule("udp", 53, 53),
            new PortRule("tcp", 8000, 8100),
            new PortRule("icmp", 0, 0));
    assertThat(d.failed()).isNull();
  }

  @Test
  void allowWithoutPortsMeansEverything() {
    assertThat(of("{\"allow\": true}").portRules()).containsExactly(PortRule.any());
    assertThat(of("{\"allow\": true, \"ports\": []}").portRules()).containsExactly(PortRule.any());
    assertThat(of("{\"allow\": true, \"ports\": [\"tcp/22\", \"any\"]}").portRules())
        .containsExactly(PortRule.any());
  }

  @Test
  void denyOverridesAllowAndNamesItsReasons() {
    PairDecision d =
        of(
            "{\"allow\": true, \"deny\": [\"disk not encrypted\", {\"id\": \"os-old\", \"reason\":"
                + " \"windows too old\"}]}",
            new RuleRef("data.meshward.access.deny", "a.rego:12:1", "posture", null));
    assertThat(d.allowed()).isFalse();
    assertThat(d.denyReasons()).containsExactly("disk not encrypted", "os-old: windows too old");
    assertThat(d.rules()).containsExactly("posture");
    assertThat(d.failed()).contains("disk not encrypted");
  }

  @Test
  void everythingOddDeniesWithAReason() {
    assertThat(of("{}").failed()).isEqualTo(DecisionInterpreter.NO_ALLOW);
    assertThat(of("{\"allow\": false}").allowed()).isFalse();
    assertThat(of("{\"allow\": \"yes\"}").failed()).contains("allow must be a boolean");
    assertThat(of("{\"allow\": true, \"deny\": \"x\"}").failed()).contains("deny must be a set");
    assertThat(of("{\"allow\": true, \"ports\": [\"tcp/99999\"]}").failed()).contains("tcp/99999");
    assertThat(of("{\"allow\": true, \"ports\": [\"ssh\"]}").failed()).contains("'ssh'");
    assertThat(of("true").failed()).contains("must be an object");
    assertThat(DecisionInterpreter.interpret(PolicyResult.UNDEFINED).failed())
        .contains("undefined");
    PairDecision failed =
        DecisionInterpreter.interpret(
            PolicyResult.failed(FailureKind.UNREACHABLE, "http://127.0.0.1:1 refused"));
    assertThat(failed.allowed()).isFalse();
    assertThat(failed.failed()).contains("policy evaluation failed", "refused");
  }
}
