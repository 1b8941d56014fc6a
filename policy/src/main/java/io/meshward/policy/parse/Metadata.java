package io.meshward.policy.parse;

import io.meshward.policy.ast.Annotations;
import io.meshward.policy.ast.Location;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads {@code # METADATA} comment blocks (YAML) into annotations. */
final class Metadata {

  private Metadata() {}

  /** A METADATA block: its annotations and the last row of its comment lines. */
  record Block(Annotations annotations, int endRow) {}

  static List<Block> blocks(List<Lexer.Comment> comments) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < comments.size(); i++) {
      Lexer.Comment c = comments.get(i);
      if (!c.text().strip().equals("METADATA")) {
        continue;
      }
      StringBuilder yaml = new StringBuilder();
      int row = c.loc().row();
      int j = i + 1;
      while (j < comments.size()
          && comments.get(j).loc().row() == row + 1
          && comments.get(j).loc().col() == c.loc().col()) {
        String line = comments.get(j).text();
        yaml.append(line.startsWith(" ") ? line.substring(1) : line).append('\n');
        row++;
        j++;
      }
      out.add(new Block(parse(yaml.toString(), c.loc()), row));
      i = j - 1;
    }
    return out;
  }

  private static Annotations parse(String yaml, Location loc) {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new RegoException(
          loc,
          "rego_parse_error",
          "invalid METADATA block: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (doc == null) {
      doc = Map.of();
    }
    if (!(toValue(doc) instanceof ObjectValue obj)) {
      throw new RegoException(loc, "rego_parse_error", "METADATA block must be a YAML mapping");
    }
    String scope = obj.get("scope") instanceof StringValue s ? s.value() : null;
    if (obj.get("authors") instanceof ArrayValue authors) {
      List<Value> normalized = new ArrayList<>();
      for (Value a : authors) {
        normalized.add(a instanceof StringValue s ? author(s.value()) : a);
      }
      obj = obj.with(StringValue.of("authors"), ArrayValue.of(normalized));
    }
    if (obj.get("related_resources") instanceof ArrayValue related) {
      List<Value> normalized = new ArrayList<>();
      for (Value r : related) {
        normalized.add(r instanceof StringValue s ? ObjectValue.ofStrings("ref", s) : r);
      }
      obj = obj.with(StringValue.of("related_resources"), ArrayValue.of(normalized));
    }
    return new Annotations(scope, obj, loc);
  }

  /** "Jane Doe <jane@example.com>" as {name, email}, as OPA normalises authors. */
  private static Value author(String text) {
    String t = text.strip();
    int lt = t.lastIndexOf('<');
    if (lt >= 0 && t.endsWith(">")) {
      String name = t.substring(0, lt).strip();
      String email = t.substring(lt + 1, t.length() - 1).strip();
      return name.isEmpty()
          ? ObjectValue.ofStrings("email", StringValue.of(email))
          : ObjectValue.ofStrings("name", StringValue.of(name), "email", StringValue.of(email));
    }
    return ObjectValue.ofStrings("name", StringValue.of(t));
  }

  static Value toValue(Object o) {
    if (o == null) {
      return NullValue.INSTANCE;
    }
    if (o instanceof String s) {
      return StringValue.of(s);
    }
    if (o instanceof Boolean b) {
      return BooleanValue.of(b);
    }
    if (o instanceof Integer || o instanceof Long || o instanceof java.math.BigInteger) {
      return NumberValue.parse(o.toString());
    }
    if (o instanceof Number n) {
      return NumberValue.of(n.doubleValue());
    }
    if (o instanceof List<?> l) {
      List<Value> items = new ArrayList<>();
      l.forEach(x -> items.add(toValue(x)));
      return ArrayValue.of(items);
    }
    if (o instanceof Map<?, ?> m) {
      Map<Value, Value> entries = new LinkedHashMap<>();
      m.forEach((k, v) -> entries.put(StringValue.of(String.valueOf(k)), toValue(v)));
      return ObjectValue.of(entries);
    }
    return StringValue.of(o.toString());
  }
}
