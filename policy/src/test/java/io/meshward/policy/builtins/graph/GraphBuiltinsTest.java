package io.meshward.policy.builtins.graph;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  private static final Value GRAPH =
      parse(
          "{\"gw\": [\"db\", \"web\"], \"web\": [\"cache\", \"gw\"], \"cache\": [],"
              + " \"db\": [\"ghost\"], \"lone\": null}");

  @Test
  void reachableFollowsEdgesThroughCyclesAndSkipsUnknownNodes() throws Exception {
    assertThat(opa.callValues("graph.reachable", GRAPH, parse("[\"web\"]")))
        .isEqualTo(set(str("web"), str("cache"), str("gw"), str("db")));
    assertThat(opa.callValues("graph.reachable", GRAPH, set(str("ghost"), str("lone"))))
        .isEqualTo(set(str("lone")));
    assertThat(opa.callValues("graph.reachable", parse("{}"), parse("[\"a\"]"))).isEqualTo(set());
  }

  @Test
  void reachablePathsEndAtLeavesCyclesAndUnknownNodes() throws Exception {
    assertThat(opa.callValues("graph.reachable_paths", GRAPH, set(str("gw"))))
        .isEqualTo(
            set(
                parse("[\"gw\", \"db\"]"),
                parse("[\"gw\", \"web\", \"cache\"]"),
                parse("[\"gw\", \"web\"]")));
    assertThat(opa.callValues("graph.reachable_paths", GRAPH, parse("[\"lone\", \"ghost\"]")))
        .isEqualTo(set(parse("[\"lone\"]")));
    Value diamond = parse("{\"1\": [], \"2\": [\"1\"], \"3\": [\"2\"], \"4\": [\"3\", \"2\"]}");
    assertThat(opa.callValues("graph.reachable_paths", diamond, parse("[\"4\"]")))
        .isEqualTo(set(parse("[\"4\", \"3\", \"2\", \"1\"]"), parse("[\"4\", \"2\", \"1\"]")));
  }

  @Test
  void operandsMustBeAGraphAndACollection() {
    assertThatThrownBy(() -> opa.callValues("graph.reachable", parse("1"), parse("[1]")))
        .hasMessage("operand 1 must be object but got number");
    assertThatThrownBy(() -> opa.callValues("graph.reachable_paths", parse("{}"), str("a")))
        .hasMessage("operand 2 must be one of {array, set} but got string");
  }
}
