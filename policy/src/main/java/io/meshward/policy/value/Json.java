package io.meshward.policy.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON into values (numbers exact) and writes values as JSON. */
public final class Json {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNumberLength(100_000)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNestingDepth(10_000)
                  .build())
          .build();

  private Json() {}

  /**
   * Parses one JSON document.
   *
   * @throws JsonSyntaxException if the text is not exactly one JSON value
   */
  public static Value parse(String text) {
    return parse(new StringReader(text));
  }

  /**
   * Parses one JSON document from a reader.
   *
   * @throws JsonSyntaxException if the text is not exactly one JSON value
   */
  public static Value parse(Reader reader) {
    try (JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonSyntaxException("empty JSON document");
      }
      Value value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new JsonSyntaxException(
            "unexpected data after the JSON value at " + location(parser));
      }
      return value;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new JsonSyntaxException(e.getOriginalMessage() + " at " + location(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String location(JsonParser parser) {
    var loc = parser.currentLocation();
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String location(com.fasterxml.jackson.core.JacksonException e) {
    var loc = e.getLocation();
    return loc == null
        ? "unknown position"
        : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static Value read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NULL -> NullValue.INSTANCE;
      case VALUE_TRUE -> BooleanValue.TRUE;
      case VALUE_FALSE -> BooleanValue.FALSE;
      case VALUE_STRING -> StringValue.of(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NumberValue.parse(parser.getText());
      case START_ARRAY -> {
        List<Value> elements = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          elements.add(read(parser, next));
        }
        yield ArrayValue.of(elements);
      }
      case START_OBJECT -> {
        Map<Value, Value> entries = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          entries.put(StringValue.of(name), read(parser, parser.nextToken()));
        }
        yield ObjectValue.of(entries);
      }
      default -> throw new JsonSyntaxException("unexpected " + token + " at " + location(parser));
    };
  }

  /** Compact JSON. Sets become sorted arrays; non-string object keys are written as their JSON. */
  public static String write(Value value) {
    StringBuilder out = new StringBuilder();
    write(value, out, null, 0);
    return out.toString();
  }

  /** Indented JSON (two spaces per level), as {@code opa eval} prints results. */
  public static String writePretty(Value value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "  ", 0);
    return out.toString();
  }

  private static void write(Value value, StringBuilder out, String indent, int depth) {
    switch (value) {
      case NullValue n -> out.append("null");
      case BooleanValue b -> out.append(b.value());
      case NumberValue n -> out.append(n);
      case StringValue s -> quote(s.value(), out);
      case ArrayValue a -> writeSequence(a.elements(), out, indent, depth);
      case SetValue s -> writeSequence(s.elements(), out, indent, depth);
      case ObjectValue o -> {
        if (o.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        boolean first = true;
        for (Value key : o.keys()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          newline(out, indent, depth + 1);
          quote(key instanceof StringValue s ? s.value() : write(key), out);
          out.append(indent == null ? ":" : ": ");
          write(o.get(key), out, indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append('}');
      }
    }
  }

  private static void writeSequence(
      List<Value> elements, StringBuilder out, String indent, int depth) {
    if (elements.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      newline(out, indent, depth + 1);
      write(elements.get(i), out, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.append(']');
  }

  private static void newline(StringBuilder out, String indent, int depth) {
    if (indent != null) {
      out.append('\n').append(indent.repeat(depth));
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  public static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The text is not valid JSON. */
  public static final class JsonSyntaxException extends RuntimeException {
    public JsonSyntaxException(String message) {
      super(message);
    }
  }
}
