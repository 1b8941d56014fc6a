package io.meshward.policy.builtins.jsonschema;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns a validator error into OPA's error object: {@code field} is the dotted path of the failing
 * value ({@code (root)} for the document itself), {@code type} and {@code desc} use the wording of
 * OPA's schema library, and {@code error} is {@code field: desc}.
 */
final class SchemaErrors {

  private SchemaErrors() {}

  static Value describe(Error error) {
    String field = field(error.getInstanceLocation());
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    JsonNode schema = error.getSchemaNode();
    JsonNode instance = error.getInstanceNode();
    String type;
    String desc;
    switch (keyword) {
      case "type" -> {
        type = "invalid_type";
        desc = "Invalid type. Expected: " + expectedTypes(schema) + ", given: " + typeOf(instance);
      }
      case "required" -> {
        type = "required";
        desc = error.getProperty() + " is required";
      }
      case "enum" -> {
        type = "enum";
        desc = lastName(field) + " must be one of the following: " + list(schema);
      }
      case "const" -> {
        type = "const";
        desc = lastName(field) + " does not match: " + text(schema);
      }
      case "additionalProperties" -> {
        type = "additional_property_not_allowed";
        desc = "Additional property " + error.getProperty() + " is not allowed";
      }
      case "minLength" -> {
        type = "string_gte";
        desc = "String length must be greater than or equal to " + text(schema);
      }
      case "maxLength" -> {
        type = "string_lte";
        desc = "String length must be less than or equal to " + text(schema);
      }
      case "pattern" -> {
        type = "pattern";
        desc = "Does not match pattern '" + text(schema) + "'";
      }
      case "minimum" -> {
        type = "number_gte";
        desc = "Must be greater than or equal to " + text(schema);
      }
      case "maximum" -> {
        type = "number_lte";
        desc = "Must be less than or equal to " + text(schema);
      }
      case "exclusiveMinimum" -> {
        type = "number_gt";
        desc = "Must be greater than " + text(schema);
      }
      case "exclusiveMaximum" -> {
        type = "number_lt";
        desc = "Must be less than " + text(schema);
      }
      case "multipleOf" -> {
        type = "multiple_of";
        desc = "Must be a multiple of " + text(schema);
      }
      case "minItems" -> {
        type = "array_min_items";
        desc = "Array must have at least " + text(schema) + " items";
      }
      case "maxItems" -> {
        type = "array_max_items";
        desc = "Array must have at most " + text(schema) + " items";
      }
      case "minProperties" -> {
        type = "array_min_properties";
        desc = "Must have at least " + text(schema) + " properties";
      }
      case "maxProperties" -> {
        type = "array_max_properties";
        desc = "Must have at most " + text(schema) + " properties";
      }
      case "uniqueItems" -> {
        type = "unique";
        desc = "array items must be unique";
      }
      case "format" -> {
        type = "format";
        desc = "Does not match format '" + text(schema) + "'";
      }
      case "anyOf" -> {
        type = "number_any_of";
        desc = "Must validate at least one schema (anyOf)";
      }
      case "oneOf" -> {
        type = "number_one_of";
        desc = "Must validate one and only one schema (oneOf)";
      }
      case "not" -> {
        type = "number_not";
        desc = "Must not validate the schema (not)";
      }
      default -> {
        type = keyword.isEmpty() ? "invalid" : keyword;
        desc = error.getMessage();
      }
    }
    return ObjectValue.ofStrings(
        "error", StringValue.of(field + ": " + desc),
        "type", StringValue.of(type),
        "field", StringValue.of(field),
        "desc", StringValue.of(desc));
  }

  private static String field(NodePath path) {
    if (path == null || path.getNameCount() == 0) {
      return "(root)";
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      names.add(String.valueOf(path.getElement(i)));
    }
    return String.join(".", names);
  }

  private static String lastName(String field) {
    int dot = field.lastIndexOf('.');
    return dot < 0 ? field : field.substring(dot + 1);
  }

  private static String expectedTypes(JsonNode schema) {
    if (schema == null) {
      return "";
    }
    if (schema.isArray()) {
      List<String> names = new ArrayList<>();
      schema.forEach(n -> names.add(n.asString()));
      return String.join(", ", names);
    }
    return schema.asString();
  }

  private static String typeOf(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return node.decimalValue().stripTrailingZeros().scale() <= 0 ? "integer" : "number";
    }
    if (node.isString()) {
      return "string";
    }
    return node.isArray() ? "array" : "object";
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "";
    }
    return node.isString() ? node.asString() : node.toString();
  }

  private static String list(JsonNode node) {
    if (node == null || !node.isArray()) {
      return text(node);
    }
    List<String> items = new ArrayList<>();
    node.forEach(n -> items.add(n.toString()));
    return String.join(", ", items);
  }
}
