package io.meshward.coordinator.decisions;

import io.meshward.coordinator.policies.PolicyBundleSource;
import io.meshward.coordinator.policies.PolicyBundleValidator;
import io.meshward.coordinator.policies.PolicyValidationReport;
import io.meshward.coordinator.policies.PolicyValidationReport.CompileError;
import io.meshward.coordinator.policies.PolicyValidationReport.FailedTest;
import io.meshward.policy.rego.EvalOptions;
import io.meshward.policy.rego.PreparedPolicy;
import io.meshward.policy.rego.Rego;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.rego.TestResult;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Accepts a bundle only when its modules and tests compile together with its data and every {@code
 * test_*} rule passes. Compile errors carry {@code file:row:col}; failing tests are named.
 */
public final class RegoBundleValidator implements PolicyBundleValidator {

  private final DecisionsProperties properties;

  public RegoBundleValidator(DecisionsProperties properties) {
    this.properties = properties;
  }

  @Override
  public PolicyValidationReport validate(PolicyBundleSource bundle) {
    Value data;
    try {
      data = BundleData.parse(bundle.dataJson());
    } catch (IllegalArgumentException e) {
      return new PolicyValidationReport(
          List.of(new CompileError("data.json", 1, 1, e.getMessage())), List.of());
    }
    Rego.Builder builder = Rego.builder().data(data);
    var files = new TreeMap<String, String>(bundle.modules());
    for (var test : new TreeMap<>(bundle.tests()).entrySet()) {
      if (files.containsKey(test.getKey())) {
        return new PolicyValidationReport(
            List.of(
                new CompileError(
                    test.getKey(), 1, 1, "a test file has the same name as a policy module")),
            List.of());
      }
      files.put(test.getKey(), test.getValue());
    }
    files.forEach(builder::module);
    PreparedPolicy policy;
    try {
      policy = builder.build();
    } catch (RegoException e) {
      List<CompileError> errors = new ArrayList<>();
      for (RegoError error : e.errors()) {
        errors.add(
            new CompileError(
                error.file(),
                Math.max(error.row(), 1),
                Math.max(error.col(), 1),
                error.code() + ": " + error.message()));
      }
      return new PolicyValidationReport(errors, List.of());
    }
    EvalOptions options =
        EvalOptions.builder()
            .timeout(properties.testTimeout())
            .stepLimit(EvalOptions.DEFAULT_STEP_LIMIT)
            .build();
    List<FailedTest> failed = new ArrayList<>();
    for (TestResult result : policy.runTests(options)) {
      if (!result.passed()) {
        failed.add(new FailedTest(result.location().file(), testName(result), reason(result)));
      }
    }
    return new PolicyValidationReport(List.of(), failed);
  }

  /** {@code data.meshward.access_test.test_x} is reported as {@code test_x}, like OPA does. */
  private static String testName(TestResult result) {
    String name = result.name();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String reason(TestResult result) {
    if (result.error() != null) {
      return "errored at " + result.error();
    }
    return "failed (false or undefined) at " + result.location();
  }
}
