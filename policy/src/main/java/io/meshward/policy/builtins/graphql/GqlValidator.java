package io.meshward.policy.builtins.graphql;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import graphql.validation.Validator;
import io.meshward.policy.value.ObjectValue;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates schemas and queries with graphql-java. Schemas are built from their AST objects, so
 * text and AST inputs are checked alike. A schema need not declare a query root (OPA accepts
 * type-only schemas); graphql-java needs one, so an unused placeholder root is added then.
 */
final class GqlValidator {

  private static final String PLACEHOLDER_ROOT =
      "\ntype Query { _meshwardNoQueryRootDeclared: Boolean }\n";

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private GqlValidator() {}

  /** Builds the schema, or explains why it is not valid. */
  static GraphQLSchema schema(ObjectValue schemaAst) throws GqlSyntaxException {
    String sdl = GqlPrinter.schema(schemaAst);
    if (!GqlPrinter.hasQueryRoot(schemaAst)) {
      sdl += PLACEHOLDER_ROOT;
    }
    try {
      TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
      return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    } catch (SchemaProblem e) {
      throw new GqlSyntaxException(firstMessage(e.getErrors(), e.getMessage()));
    } catch (InvalidSyntaxException e) {
      throw new GqlSyntaxException("invalid schema: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new GqlSyntaxException("invalid schema: " + e.getMessage());
    }
  }

  /**
   * Validates a query against a schema. {@code originalText} is the query as the policy wrote it
   * (null for an AST input); it is preferred so that error locations point into it.
   */
  static void query(GraphQLSchema schema, ObjectValue queryAst, String originalText)
      throws GqlSyntaxException {
    if (queryAst.get("Operations") == null && queryAst.get("Fragments") == null) {
      return; // an empty document asks for nothing, so nothing can be invalid
    }
    Document document = null;
    if (originalText != null) {
      try {
        document = Parser.parse(originalText);
      } catch (RuntimeException e) {
        document = null; // syntax graphql-java lacks (e.g. fragment variables): use the AST
      }
    }
    if (document == null) {
      try {
        document = Parser.parse(GqlPrinter.query(queryAst));
      } catch (InvalidSyntaxException e) {
        throw new GqlSyntaxException("invalid query: " + e.getMessage());
      }
    }
    List<ValidationError> errors =
        new Validator().validateDocument(schema, document, Locale.ENGLISH);
    if (!errors.isEmpty()) {
      ValidationError first = errors.get(0);
      String message = describe(schema, first);
      List<SourceLocation> locations = first.getLocations();
      if (originalText != null && locations != null && !locations.isEmpty()) {
        SourceLocation at = locations.get(0);
        throw new GqlSyntaxException(message, at.getLine(), at.getColumn());
      }
      throw new GqlSyntaxException(message);
    }
  }

  /**
   * The error in OPA's words where a policy is likely to compare them (a missing required
   * argument), otherwise graphql-java's description.
   */
  private static String describe(GraphQLSchema schema, ValidationError error) {
    String description =
        error.getDescription() == null ? error.getMessage() : error.getDescription();
    if (error.getValidationErrorType() == ValidationErrorType.MissingFieldArgument
        && error.getQueryPath() != null
        && !error.getQueryPath().isEmpty()) {
      Matcher m = QUOTED.matcher(description);
      if (m.find()) {
        String field = error.getQueryPath().get(error.getQueryPath().size() - 1);
        String argument = m.group(1);
        String type = argumentType(schema, field, argument);
        if (type != null) {
          return "Field \""
              + field
              + "\" argument \""
              + argument
              + "\" of type \""
              + type
              + "\" is required, but it was not provided";
        }
      }
    }
    return description;
  }

  private static String argumentType(GraphQLSchema schema, String field, String argument) {
    for (GraphQLNamedType type : schema.getAllTypesAsList()) {
      if (type instanceof GraphQLFieldsContainer container
          && container.getFieldDefinition(field) != null
          && container.getFieldDefinition(field).getArgument(argument) != null) {
        return GraphQLTypeUtil.simplePrint(
            container.getFieldDefinition(field).getArgument(argument).getType());
      }
    }
    return null;
  }

  private static String firstMessage(List<GraphQLError> errors, String fallback) {
    return errors == null || errors.isEmpty() ? fallback : errors.get(0).getMessage();
  }
}
