package io.meshward.policy.builtins.jsonschema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.cache.BoundedCache;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code json.verify_schema} and {@code json.match_schema}, validating with networknt's
 * json-schema-validator (draft 7 unless the schema names another) and reporting errors in OPA's
 * shape: {@code {"error": "id: Invalid type. ...", "type": "invalid_type", "field": "id", "desc":
 * "Invalid type. ..."}}. Remote {@code $ref}s are never fetched: policies must not reach the
 * network through a schema.
 */
public final class JsonSchemaBuiltins implements BuiltinFamily {

  private static final String OPERAND = "string|object[any: any]";

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_7,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));

  private final BoundedCache<String, Schema> schemas = new BoundedCache<>(200);

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "json.verify_schema",
        "(" + OPERAND + ") -> [boolean, null|string]",
        (ctx, args) -> {
          try {
            compile(document(args, 0));
            return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
          } catch (BuiltinException e) {
            if (e.kind() == BuiltinException.Kind.TYPE) {
              throw e;
            }
            return ArrayValue.of(
                BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
          }
        });
    table.add(
        "json.match_schema",
        "("
            + OPERAND
            + ", "
            + OPERAND
            + ") -> [boolean, array[{desc: string, error: string, field: string, type: string}]]",
        (ctx, args) -> {
          Value document = document(args, 0);
          Schema schema = compile(document(args, 1));
          List<Value> errors = new ArrayList<>();
          for (Error error : schema.validate(toNode(document))) {
            errors.add(SchemaErrors.describe(error));
          }
          return ArrayValue.of(BooleanValue.of(errors.isEmpty()), ArrayValue.of(errors));
        });
  }

  /** A document or schema operand: an object, or a string holding JSON. */
  private static Value document(Value[] args, int index) throws BuiltinException {
    return switch (args[index]) {
      case StringValue s -> {
        try {
          yield Json.parse(s.value());
        } catch (Json.JsonSyntaxException e) {
          throw new BuiltinException(
              "operand " + (index + 1) + " is not valid JSON: " + e.getMessage());
        }
      }
      case ObjectValue o -> o;
      default -> throw Args.typeError(index, args[index], "object", "string");
    };
  }

  private Schema compile(Value schemaValue) throws BuiltinException {
    String text = Json.write(schemaValue);
    return schemas.get(
        text,
        key -> {
          SchemaTypeCheck.check(schemaValue);
          JsonNode node = toNode(schemaValue);
          String dialect =
              SpecificationVersion.fromSchemaNode(node)
                  .orElse(SpecificationVersion.DRAFT_7)
                  .getDialectId();
          Schema meta = registry.getSchema(SchemaLocation.of(dialect));
          List<Error> problems = meta.validate(node);
          if (!problems.isEmpty()) {
            throw new BuiltinException(problems.get(0).toString());
          }
          try {
            Schema schema = registry.getSchema(node);
            schema.initializeValidators();
            return schema;
          } catch (RuntimeException e) {
            throw new BuiltinException("invalid schema: " + e.getMessage());
          }
        });
  }

  private static JsonNode toNode(Value value) throws BuiltinException {
    try {
      return MAPPER.readTree(Json.write(value));
    } catch (RuntimeException e) {
      throw new BuiltinException("cannot convert to JSON: " + e.getMessage());
    }
  }
}
