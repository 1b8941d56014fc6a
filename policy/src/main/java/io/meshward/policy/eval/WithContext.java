package io.meshward.policy.eval;

import io.meshward.policy.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents and functions in effect: the input, {@code with data...} replacements and function
 * mocks, plus the caches of rule values computed under exactly these. A {@code with} modifier
 * creates a new context, so cached values never leak across different inputs.
 */
final class WithContext {

  final Value input;
  final Override data;
  final Map<String, Object> mocks;
  final Map<String, Value> ruleCache = new HashMap<>();
  final Map<FunctionKey, Value> functionCache = new HashMap<>();

  /** For rule sets with variables in their heads: the key paths where a rule put a value. */
  final Map<String, java.util.Set<List<Value>>> keyedLeaves = new HashMap<>();

  WithContext(Value input, Override data, Map<String, Object> mocks) {
    this.input = input;
    this.data = data;
    this.mocks = mocks;
  }

  private WithContext unmocked;

  /**
   * This context without function mocks, in which a replacement function runs: a mock never calls
   * itself or another mock. Cached, so its rule caches are shared across calls.
   */
  WithContext withoutMocks() {
    if (unmocked == null) {
      unmocked = new WithContext(input, data, Map.of());
    }
    return unmocked;
  }

  /** A cached function result key. */
  record FunctionKey(String path, java.util.List<Value> args) {}

  /** A tree of replaced data paths; {@code value} non-null replaces everything below. */
  static final class Override {
    Value value;
    final Map<Value, Override> children = new HashMap<>();

    Override copy() {
      Override o = new Override();
      o.value = value;
      children.forEach((k, v) -> o.children.put(k, v.copy()));
      return o;
    }
  }
}
