package io.meshward.policy.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PreparedPolicyTest {

  private static final String RBAC =
      """
      package rbac
      default allow := false
      allow if {
        some role in data.user_roles[input.user]
        some grant in data.role_grants[role]
        grant.action == input.action
        grant.type == input.type
      }
      test_alice_reads if allow with input as {"user": "alice", "action": "read", "type": "dog"}
      test_bob_cannot_write if not allow with input as {"user": "bob", "action": "write", "type": "dog"}
      test_fails if allow with input as {"user": "bob", "action": "write", "type": "dog"}
      """;

  private static final String DATA =
      """
      {"user_roles": {"alice": ["admin"], "bob": ["reader"]},
       "role_grants": {"admin": [{"action": "read", "type": "dog"}, {"action": "write", "type": "dog"}],
                       "reader": [{"action": "read", "type": "dog"}]}}
      """;

  private static PreparedPolicy rbac() {
    return Rego.builder().module("rbac.rego", RBAC).data(Json.parse(DATA)).build();
  }

  @Test
  void manyConcurrentEvaluationsOfOnePreparedPolicy() throws Exception {
    PreparedPolicy p = rbac();
    PreparedQuery q = p.query("data.rbac.allow");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        boolean alice = i % 2 == 0;
        results.add(
            pool.submit(
                () -> {
                  String in =
                      "{\"user\":\""
                          + (alice ? "alice" : "bob")
                          + "\",\"action\":\"write\",\"type\":\"dog\"}";
                  EvalResult r = q.evaluate(EvalOptions.builder().input(Json.parse(in)).build());
                  assertThat(r.error()).isNull();
                  assertThat(r.rows()).hasSize(1);
                  return r.rows().get(0).expressions().get(0).equals(Json.parse("true"));
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void runsTestRules() {
    List<TestResult> results = rbac().runTests(EvalOptions.defaults());
    assertThat(results)
        .extracting(TestResult::name, TestResult::passed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("data.rbac.test_alice_reads", true),
            org.assertj.core.groups.Tuple.tuple("data.rbac.test_bob_cannot_write", true),
            org.assertj.core.groups.Tuple.tuple("data.rbac.test_fails", false));
  }

  @Test
  void listsRulesWithMetadata() {
    PreparedPolicy p =
        Rego.builder()
            .module(
                "m.rego",
                "package m\n# METADATA\n# title: Deny guests\n# custom:\n#   id: G-1\ndeny if input.guest\n")
            .build();
    assertThat(p.rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("data.m.deny");
              assertThat(r.id()).isEqualTo("G-1");
              assertThat(r.title()).isEqualTo("Deny guests");
            });
  }

  @Test
  void compileErrorsListEveryProblem() {
    assertThatThrownBy(
            () ->
                Rego.builder()
                    .module("a.rego", "package a\np if { x > 1 }\n")
                    .module("b.rego", "package b\nq if nope()\n")
                    .build())
        .isInstanceOf(RegoException.class)
        .satisfies(
            e ->
                assertThat(((RegoException) e).errors())
                    .extracting(RegoError::code)
                    .containsExactlyInAnyOrder("rego_unsafe_var_error", "rego_type_error"));
  }

  @Test
  void queryErrorsComeBackAsResults() {
    EvalResult r = rbac().evaluate("data.rbac.allow[", EvalOptions.defaults());
    assertThat(r.isError()).isTrue();
    assertThat(r.error().code()).isEqualTo("rego_parse_error");
  }
}
