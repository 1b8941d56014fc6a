package io.meshward.policy.value;

/** The kinds of value, declared in OPA's order across types: null < boolean < ... < set. */
public enum ValueKind {
  NULL("null"),
  BOOLEAN("boolean"),
  NUMBER("number"),
  STRING("string"),
  ARRAY("array"),
  OBJECT("object"),
  SET("set");

  private final String typeName;

  ValueKind(String typeName) {
    this.typeName = typeName;
  }

  public String typeName() {
    return typeName;
  }
}
