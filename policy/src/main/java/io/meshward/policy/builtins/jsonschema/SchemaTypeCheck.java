package io.meshward.policy.builtins.jsonschema;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.Set;

/**
 * Rejects schemas whose {@code type} keyword names no JSON type, with the message OPA's schema
 * library gives ({@code has a primitive type that is NOT VALID -- given: /x/ ...}), which policies
 * and tests compare against; and patterns that are not RE2 (OPA's regex dialect).
 */
final class SchemaTypeCheck {

  private static final Set<String> TYPES =
      Set.of("array", "boolean", "integer", "number", "null", "object", "string");

  /** Keywords whose values are data, not schemas, and so may hold any "type" member. */
  private static final Set<String> DATA_KEYWORDS = Set.of("enum", "const", "default", "examples");

  private SchemaTypeCheck() {}

  static void check(Value schema) throws BuiltinException {
    walk(schema, 0);
  }

  private static void walk(Value node, int depth) throws BuiltinException {
    if (depth > 1_000) {
      throw new BuiltinException("schema is nested too deeply");
    }
    if (node instanceof ArrayValue array) {
      for (Value v : array) {
        walk(v, depth + 1);
      }
      return;
    }
    if (!(node instanceof ObjectValue object)) {
      return;
    }
    Value type = object.get("type");
    if (type instanceof StringValue s) {
      checkName(s.value());
    } else if (type instanceof ArrayValue names) {
      for (Value name : names) {
        if (!(name instanceof StringValue s)) {
          throw invalidTypeKeyword();
        }
        checkName(s.value());
      }
    } else if (type != null && !(type instanceof ObjectValue)) {
      throw invalidTypeKeyword();
    }
    if (object.get("pattern") instanceof StringValue pattern) {
      checkPattern(pattern.value());
    }
    if (object.get("patternProperties") instanceof ObjectValue patterns) {
      for (Value p : patterns.keys()) {
        if (p instanceof StringValue ps) {
          checkPattern(ps.value());
        }
      }
    }
    for (Value key : object.keys()) {
      if (key instanceof StringValue k && DATA_KEYWORDS.contains(k.value())) {
        continue;
      }
      walk(object.get(key), depth + 1);
    }
  }

  /** Patterns must be RE2, as in OPA: no lookaround or backreferences. */
  private static void checkPattern(String pattern) throws BuiltinException {
    try {
      com.google.re2j.Pattern.compile(pattern);
    } catch (com.google.re2j.PatternSyntaxException e) {
      throw new BuiltinException("invalid pattern: " + e.getMessage());
    }
  }

  private static void checkName(String name) throws BuiltinException {
    if (!TYPES.contains(name)) {
      throw new BuiltinException(
          "has a primitive type that is NOT VALID -- given: /"
              + name
              + "/ Expected valid values are:[array boolean integer number null object string]");
    }
  }

  private static BuiltinException invalidTypeKeyword() {
    return new BuiltinException("Invalid type. Expected: string/array of strings, given: type");
  }
}
