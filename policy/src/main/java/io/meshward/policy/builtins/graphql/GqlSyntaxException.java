package io.meshward.policy.builtins.graphql;

/** A GraphQL document could not be read or validated; the message includes the location. */
final class GqlSyntaxException extends Exception {

  GqlSyntaxException(String message, int line, int column) {
    super(message + " in GraphQL string at location " + line + ":" + column, null, false, false);
  }

  GqlSyntaxException(String message) {
    super(message, null, false, false);
  }
}
