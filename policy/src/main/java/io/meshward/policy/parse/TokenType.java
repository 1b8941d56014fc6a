package io.meshward.policy.parse;

/** Kinds of Rego tokens. */
enum TokenType {
  IDENT,
  NUMBER,
  STRING,
  TEMPLATE,
  OP,
  EOF
}
