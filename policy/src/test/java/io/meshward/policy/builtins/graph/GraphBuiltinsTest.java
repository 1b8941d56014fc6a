package io.meshward.policy.builtins.graph;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.set;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {

  private static final Value GRAPH =
      json(
          "{\"gw\": [\"db\", \"web\"], \"web\": [\"cache\", \"gw\"], \"cache\": [],"
              + " \"db\": [\"ghost\"], \"lone\": null}");

  @Test
  void reachableFollowsEdgesThroughCyclesAndSkipsUnknownNodes() throws Exception {
    assertThat(call("graph.reachable", GRAPH, json("[\"web\"]")))
        .isEqualTo(set(str("web"), str("cache"), str("gw"), str("db")));
    assertThat(call("graph.reachable", GRAPH, set(str("ghost"), str("lone"))))
        .isEqualTo(set(str("lone")));
    assertThat(call("graph.reachable", json("{}"), json("[\"a\"]"))).isEqualTo(set());
  }

  @Test
  void reachablePathsEndAtLeavesCyclesAndUnknownNodes() throws Exception {
    assertThat(call("graph.reachable_paths", GRAPH, set(str("gw"))))
        .isEqualTo(
            set(
                json("[\"gw\", \"db\"]"),
                json("[\"gw\", \"web\", \"cache\"]"),
                json("[\"gw\", \"web\"]")));
    assertThat(call("graph.reachable_paths", GRAPH, json("[\"lone\", \"ghost\"]")))
        .isEqualTo(set(json("[\"lone\"]")));
    Value diamond = json("{\"1\": [], \"2\": [\"1\"], \"3\": [\"2\"], \"4\": [\"3\", \"2\"]}");
    assertThat(call("graph.reachable_paths", diamond, json("[\"4\"]")))
        .isEqualTo(set(json("[\"4\", \"3\", \"2\", \"1\"]"), json("[\"4\", \"2\", \"1\"]")));
  }

  @Test
  void operandsMustBeAGraphAndACollection() {
    assertThatThrownBy(() -> call("graph.reachable", json("1"), json("[1]")))
        .hasMessage("operand 1 must be object but got number");
    assertThatThrownBy(() -> call("graph.reachable_paths", json("{}"), str("a")))
        .hasMessage("operand 2 must be one of {array, set} but got string");
  }
}
