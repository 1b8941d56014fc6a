package io.meshward.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceRunnerTest {

  private static CaseOutcome run(Map<String, Object> fields) {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("note", "unit/case");
    return ConformanceRunner.run(new ConformanceCase(Path.of("t.yaml"), "unit", all));
  }

  @Test
  void comparesRowsAsASetAndHonoursSortBindings() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("query", "data.t.p = x");
    c.put("modules", List.of("package t\np contains 2\np contains 1\n"));
    c.put("want_result", List.of(Map.of("x", List.of(2, 1))));
    assertThat(run(c).status()).isEqualTo(CaseOutcome.Status.FAILED);
    c.put("sort_bindings", true);
    assertThat(run(c).status()).isEqualTo(CaseOutcome.Status.PASSED);
  }

  @Test
  void emptyWantResultMeansUndefined() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("query", "data.t.p = x");
    c.put("modules", List.of("package t\np if input.nope\n"));
    c.put("want_result", List.of());
    assertThat(run(c).status()).isEqualTo(CaseOutcome.Status.PASSED);
  }

  @Test
  void inputTermIsParsedAsRego() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("query", "data.t.p = x");
    c.put("modules", List.of("package t\np := count(input)\n"));
    c.put("input_term", "{1, 2, 3}");
    c.put("want_result", List.of(Map.of("x", 3)));
    assertThat(run(c).status()).isEqualTo(CaseOutcome.Status.PASSED);
  }

  @Test
  void matchesErrorsByCodeAndSubstringWithStrictErrors() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("query", "data.t.p = x");
    c.put("modules", List.of("package t\np := 1 / input.d\n"));
    c.put("input", Map.of("d", 0));
    c.put("want_error_code", "eval_builtin_error");
    c.put("want_error", "divide by zero");
    assertThat(run(c).status()).isEqualTo(CaseOutcome.Status.FAILED);
    c.put("strict_error", true);
    CaseOutcome o = run(c);
    assertThat(o.status()).as(o.reason()).isEqualTo(CaseOutcome.Status.PASSED);
  }
}
