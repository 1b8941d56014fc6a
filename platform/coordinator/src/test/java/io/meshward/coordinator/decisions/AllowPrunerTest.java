package io.meshward.coordinator.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.engine.PolicyResult;
import io.meshward.policy.engine.local.RegoPolicyEngine;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pruner narrows candidates only for allow rules whose bodies require constant group
 * memberships, falls back to every peer otherwise, and never drops a pair the policy allows.
 */
class AllowPrunerTest {

  private static final String ALLOW = "data.meshward.access.allow";

  private static AllowPruner analyse(String body) {
    return AllowPruner.analyse(policy(body).compiled(), ALLOW, ObjectValue.EMPTY);
  }

  private static PreparedPolicy policy(String body) {
    return Rego.builder()
        .module("access.rego", "package meshward.access\n\nimport rego.v1\n\n" + body)
        .build();
  }

  @Test
  void destinationAndSourceMembershipsNarrowTheCandidates() {
    AllowPruner p =
        analyse(
            """
            default allow := false

            allow if {
              "eng" in input.source.groups
              "servers" in input.destination.groups
            }

            allow if {
              input.source.groups[_] == "ops"
              input.destination.groups[_] == "db"
              not "quarantine" in input.source.groups
            }

            allow := false if input.source.name == "x"
            """);
    assertThat(p.prunesNothing()).isFalse();
    assertThat(p.requirements()).hasSize(2);
    Map<String, Set<String>> members =
        Map.of("servers", Set.of("s1", "s2"), "db", Set.of("d1"), "eng", Set.of("e1"));
    assertThat(p.destinationsFor(Set.of("eng"), g -> members.getOrDefault(g, Set.of())))
        .containsExactlyInAnyOrder("s1", "s2");
    assertThat(p.destinationsFor(Set.of("eng", "ops"), g -> members.getOrDefault(g, Set.of())))
        .containsExactlyInAnyOrder("s1", "s2", "d1");
    assertThat(p.destinationsFor(Set.of("guests"), g -> members.getOrDefault(g, Set.of())))
        .isEmpty();
    assertThat(p.sourcesFor(Set.of("servers"), g -> members.getOrDefault(g, Set.of())))
        .containsExactly("e1");
  }

  @Test
  void aRuleConstrainingOnlyOneSideLeavesTheOtherSideOpen() {
    AllowPruner p = analyse("allow if \"admins\" in input.source.groups\n");
    assertThat(p.prunesNothing()).isFalse();
    Map<String, Set<String>> members = Map.of("admins", Set.of("a"));
    assertThat(p.destinationsFor(Set.of("admins"), members::get)).isNull(); // everyone
    assertThat(p.destinationsFor(Set.of("users"), members::get)).isEmpty();
    assertThat(p.sourcesFor(Set.of(), members::get)).containsExactly("a");
  }

  @Test
  void shapesItCannotReadFallBackToEveryPeer() {
    for (String body :
        List.of(
            // a helper rule hides the membership
            "allow if is_admin\nis_admin if \"admins\" in input.source.groups\n",
            // a negated membership proves nothing
            "allow if not \"guests\" in input.destination.groups\n",
            // membership through a variable
            "allow if {\n some g in input.destination.groups\n g == \"db\"\n}\n",
            // one rule without any requirement opens everything
            "allow if \"a\" in input.source.groups\nallow if input.source.name == \"x\"\n",
            // a default that allows
            "default allow := true\nallow if \"a\" in input.source.groups\n",
            // an else branch without a requirement
            "allow if \"a\" in input.source.groups else := true\n",
            // a disjunction through a function
            "allow if f(input.source)\nf(s) if \"a\" in s.groups\n")) {
      assertThat(analyse(body).prunesNothing()).as(body).isTrue();
    }
  }

  @Test
  void allowDefinedOutsideItsRuleSetOrInDataFallsBack() {
    PreparedPolicy p =
        Rego.builder()
            .module("m.rego", "package meshward\n\nimport rego.v1\n\naccess := {\"allow\": true}\n")
            .build();
    assertThat(AllowPruner.analyse(p.compiled(), ALLOW, ObjectValue.EMPTY).prunesNothing())
        .isTrue();
    ObjectValue data =
        (ObjectValue)
            io.meshward.policy.value.Json.parse("{\"meshward\":{\"access\":{\"allow\":true}}}");
    PreparedPolicy q = policy("deny contains \"x\" if false\n");
    assertThat(AllowPruner.analyse(q.compiled(), ALLOW, data).prunesNothing()).isTrue();
  }

  /** Every pair the engine allows is among the pruner's candidates, both ways round. */
  @Test
  void neverDropsAnAllowedPair() {
    String body =
        """
        allow if {
          "g1" in input.source.groups
          "g2" in input.destination.groups
        }
        allow if {
          input.destination.groups[_] == "g3"
          input.source.name != "p0"
          "g2" in input.source.groups
        }
        allow if {
          "g4" in input.source.groups
          "g0" in input.destination.groups
          "g1" in input.destination.groups
        }
        """;
    PreparedPolicy prepared = policy(body);
    AllowPruner pruner = AllowPruner.analyse(prepared.compiled(), ALLOW, ObjectValue.EMPTY);
    assertThat(pruner.prunesNothing()).isFalse();
    var engine = new RegoPolicyEngine("rego", prepared, RegoPolicyEngine.Options.DEFAULTS);
    java.util.Random random = new java.util.Random(7);
    Map<String, Set<String>> groupsOf = new HashMap<>();
    Map<String, Set<String>> members = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      Set<String> groups = new HashSet<>();
      for (int g = 0; g < 5; g++) {
        if (random.nextInt(3) == 0) {
          groups.add("g" + g);
          members.computeIfAbsent("g" + g, k -> new HashSet<>()).add("p" + i);
        }
      }
      groupsOf.put("p" + i, groups);
    }
    int allowed = 0;
    int narrowed = 0;
    for (String from : groupsOf.keySet()) {
      Set<String> destinations =
          pruner.destinationsFor(groupsOf.get(from), g -> members.getOrDefault(g, Set.of()));
      for (String to : groupsOf.keySet()) {
        Value input =
            ObjectValue.builder()
                .put("source", peer(from, groupsOf.get(from)))
                .put("destination", peer(to, groupsOf.get(to)))
                .build();
        PolicyResult r = engine.evaluate(ActiveBundle.PATH, input, Duration.ofSeconds(5));
        if (DecisionInterpreter.interpret(r).allowed()) {
          allowed++;
          // null stands for every peer
          if (destinations != null) {
            assertThat(destinations).as(from + " -> " + to).contains(to);
          }
          Set<String> sources =
              pruner.sourcesFor(groupsOf.get(to), g -> members.getOrDefault(g, Set.of()));
          if (sources != null) {
            assertThat(sources).as(from + " -> " + to).contains(from);
          }
          narrowed += destinations != null && sources != null ? 1 : 0;
        }
      }
    }
    assertThat(allowed).isPositive();
    assertThat(narrowed)
        .as("some allowed pairs were found through narrowed candidates")
        .isPositive();
  }

  private static ObjectValue peer(String id, Set<String> groups) {
    List<Value> g = new ArrayList<>();
    groups.stream().sorted().forEach(x -> g.add(StringValue.of(x)));
    return ObjectValue.builder()
        .put("id", StringValue.of(id))
        .put("name", StringValue.of(id))
        .put("groups", ArrayValue.of(g))
        .build();
  }
}
