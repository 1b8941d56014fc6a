package io.meshward.policy.builtins.graphql;

import graphql.schema.GraphQLSchema;
import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.cache.BoundedCache;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;

/**
 * {@code graphql.*}: parsing into OPA's AST objects and validating queries against schemas. Queries
 * and schemas may be given as GraphQL text or as AST objects. Built schemas are cached across
 * evaluations (they are immutable), keyed by their AST.
 */
public final class GraphqlBuiltins implements BuiltinFamily {

  private static final String DOC = "string|object[any: any]";

  private final BoundedCache<ObjectValue, GraphQLSchema> schemas = new BoundedCache<>(100);

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "graphql.parse_query",
        "(string) -> object[any: any]",
        (ctx, args) -> parseQuery(Args.string(args, 0)));
    table.add(
        "graphql.parse_schema",
        "(string) -> object[any: any]",
        (ctx, args) -> parseSchema(Args.string(args, 0)));
    table.add(
        "graphql.schema_is_valid",
        "(" + DOC + ") -> boolean",
        (ctx, args) -> succeeds(() -> schema(schemaAst(args, 0))));
    table.add(
        "graphql.is_valid",
        "(" + DOC + ", " + DOC + ") -> boolean",
        (ctx, args) -> succeeds(() -> verify(args)));
    table.add(
        "graphql.parse",
        "(" + DOC + ", " + DOC + ") -> [object[any: any], object[any: any]]",
        (ctx, args) -> {
          ObjectValue[] asts = verify(args);
          return ArrayValue.of(asts[0], asts[1]);
        });
    table.add(
        "graphql.parse_and_verify",
        "(" + DOC + ", " + DOC + ") -> [boolean, object[any: any], object[any: any]]",
        (ctx, args) -> {
          try {
            ObjectValue[] asts = verify(args);
            return ArrayValue.of(BooleanValue.TRUE, asts[0], asts[1]);
          } catch (BuiltinException e) {
            if (e.kind() == BuiltinException.Kind.TYPE) {
              throw e;
            }
            return ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
          }
        });
  }

  /** A step that fails with a {@link BuiltinException}. */
  @FunctionalInterface
  private interface Step {
    void run() throws BuiltinException;
  }

  /** Whether {@code step} succeeds; an operand of the wrong type is still an error. */
  private static BooleanValue succeeds(Step step) throws BuiltinException {
    try {
      step.run();
      return BooleanValue.TRUE;
    } catch (BuiltinException e) {
      if (e.kind() == BuiltinException.Kind.TYPE) {
        throw e;
      }
      return BooleanValue.FALSE;
    }
  }

  /** Parses and validates; returns the query and schema ASTs. */
  private ObjectValue[] verify(Value[] args) throws BuiltinException {
    ObjectValue query = queryAst(args, 0);
    ObjectValue schemaAst = schemaAst(args, 1);
    GraphQLSchema schema = schema(schemaAst);
    String text = args[0] instanceof StringValue s ? s.value() : null;
    try {
      GqlValidator.query(schema, query, text);
    } catch (GqlSyntaxException e) {
      throw new BuiltinException(e.getMessage());
    }
    return new ObjectValue[] {query, schemaAst};
  }

  private GraphQLSchema schema(ObjectValue ast) throws BuiltinException {
    return schemas.get(
        ast,
        key -> {
          try {
            return GqlValidator.schema(key);
          } catch (GqlSyntaxException e) {
            throw new BuiltinException(e.getMessage());
          } catch (RuntimeException e) {
            throw new BuiltinException("invalid GraphQL schema: " + e.getMessage());
          }
        });
  }

  private static ObjectValue queryAst(Value[] args, int index) throws BuiltinException {
    return switch (args[index]) {
      case StringValue s -> parseQuery(s.value());
      case ObjectValue o -> o;
      default -> throw Args.typeError(index, args[index], "object", "string");
    };
  }

  private static ObjectValue schemaAst(Value[] args, int index) throws BuiltinException {
    return switch (args[index]) {
      case StringValue s -> parseSchema(s.value());
      case ObjectValue o -> o;
      default -> throw Args.typeError(index, args[index], "object", "string");
    };
  }

  private static ObjectValue parseQuery(String text) throws BuiltinException {
    try {
      return GqlParser.parseQuery(text);
    } catch (GqlSyntaxException e) {
      throw new BuiltinException(e.getMessage());
    }
  }

  private static ObjectValue parseSchema(String text) throws BuiltinException {
    try {
      return GqlParser.parseSchema(text);
    } catch (GqlSyntaxException e) {
      throw new BuiltinException(e.getMessage());
    }
  }
}
