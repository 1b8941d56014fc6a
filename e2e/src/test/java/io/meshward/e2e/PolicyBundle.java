package io.meshward.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A policy bundle as uploaded: Rego modules and their tests. The good one is the same policy {@code
 * docs/quickstart.md} shows (test resources {@code policy/access.rego} and {@code
 * policy/access_test.rego}); the broken ones are derived from it.
 */
record PolicyBundle(Map<String, String> modules, Map<String, String> tests) {

  static final String MODULE = "access.rego";
  static final String TESTS = "access_test.rego";

  /** The test that {@link #withFailingTest()} adds; it claims quarantined peers are allowed. */
  static final String FAILING_TEST = "test_quarantined_engineers_reach_servers";

  static PolicyBundle quickstart() {
    return new PolicyBundle(
        Map.of(MODULE, resource("policy/" + MODULE)), Map.of(TESTS, resource("policy/" + TESTS)));
  }

  /** The same policy with one more test, which fails. */
  PolicyBundle withFailingTest() {
    String failing =
        tests.get(TESTS)
            + "\n"
            + FAILING_TEST
            + " if {\n"
            + "\taccess.allow with input as {\n"
            + "\t\t\"source\": {\"name\": \"c\", \"groups\": [\"engineering\", \"quarantine\"],"
            + " \"posture\": healthy},\n"
            + "\t\t\"destination\": {\"name\": \"b\", \"groups\": [\"servers\"], \"posture\":"
            + " healthy},\n"
            + "\t}\n"
            + "\tcount(access.deny) == 0 with input as {\n"
            + "\t\t\"source\": {\"name\": \"c\", \"groups\": [\"engineering\", \"quarantine\"],"
            + " \"posture\": healthy},\n"
            + "\t\t\"destination\": {\"name\": \"b\", \"groups\": [\"servers\"], \"posture\":"
            + " healthy},\n"
            + "\t}\n"
            + "}\n";
    return new PolicyBundle(modules, Map.of(TESTS, failing));
  }

  /**
   * The same policy with a stray {@code )} at the end of the first line mentioning {@code
   * "engineering"}; {@code position} says where the parser must report it.
   */
  SyntaxError withSyntaxError() {
    List<String> lines = modules.get(MODULE).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"engineering\" in input.source.groups")) {
        String broken = lines.get(i) + ")";
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < lines.size(); j++) {
          text.append(j == i ? broken : lines.get(j)).append('\n');
        }
        return new SyntaxError(
            new PolicyBundle(Map.of(MODULE, text.toString()), tests), i + 1, broken.length());
      }
    }
    throw new IllegalStateException(MODULE + " no longer has the line this test breaks");
  }

  /** A bundle with a syntax error and the 1-based row and column of the offending character. */
  record SyntaxError(PolicyBundle bundle, int row, int col) {}

  Map<String, Object> uploadBody() {
    return Map.of("modules", modules, "tests", tests, "activate", true);
  }

  private static String resource(String name) {
    try (InputStream in = PolicyBundle.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
