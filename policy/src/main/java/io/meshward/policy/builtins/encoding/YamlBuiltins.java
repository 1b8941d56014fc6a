package io.meshward.policy.builtins.encoding;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import io.meshward.policy.value.ValueOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * {@code yaml.marshal}, {@code yaml.unmarshal} and {@code yaml.is_valid}. Reading follows OPA: YAML
 * 1.1 scalars, then the JSON data model, so non-string keys become strings ({@code 1: a} gives
 * {@code {"1": "a"}}) and only the first document counts.
 */
public final class YamlBuiltins implements BuiltinFamily {

  private static final LoadSettings LOAD =
      LoadSettings.builder()
          .setSchema(Yaml11Schema.INSTANCE)
          .setAllowDuplicateKeys(true)
          .setMaxAliasesForCollections(1_000)
          .setCodePointLimit(64 * 1024 * 1024)
          .build();

  private static final DumpSettings DUMP =
      DumpSettings.builder()
          .setSchema(Yaml11Schema.INSTANCE)
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setIndent(2)
          .setSplitLines(false)
          .setDereferenceAliases(true)
          .build();

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("yaml.marshal", "(any) -> string", (ctx, args) -> StringValue.of(marshal(args[0])));
    table.add("yaml.unmarshal", "(string) -> any", (ctx, args) -> unmarshal(Args.string(args, 0)));
    table.add(
        "yaml.is_valid",
        "(string) -> boolean",
        (ctx, args) -> {
          if (!(args[0] instanceof StringValue s)) {
            return BooleanValue.FALSE;
          }
          try {
            unmarshal(s.value());
            return BooleanValue.TRUE;
          } catch (BuiltinException e) {
            return BooleanValue.FALSE;
          }
        });
  }

  static String marshal(Value value) {
    return new Dump(DUMP).dumpToString(toJava(value));
  }

  /** Plain Java data for the YAML writer: sorted maps, lists, and exact numbers. */
  private static Object toJava(Value value) {
    return switch (value) {
      case NullValue n -> null;
      case BooleanValue b -> b.value();
      case NumberValue n ->
          n.isInteger() ? (Object) n.bigIntegerValue().orElseThrow() : (Object) n.doubleValue();
      case StringValue s -> s.value();
      case ArrayValue a -> toJavaList(a.elements());
      case SetValue s -> toJavaList(s.elements());
      case ObjectValue o -> {
        List<String> keys = new ArrayList<>();
        Map<String, Value> byName = new LinkedHashMap<>();
        for (Value k : o.keys()) {
          String name = k instanceof StringValue s ? s.value() : Json.write(k);
          keys.add(name);
          byName.put(name, o.get(k));
        }
        keys.sort(ValueOrder::compareCodePoints);
        Map<String, Object> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, toJava(byName.get(k))));
        yield map;
      }
    };
  }

  private static List<Object> toJavaList(List<Value> elements) {
    List<Object> list = new ArrayList<>(elements.size());
    elements.forEach(e -> list.add(toJava(e)));
    return list;
  }

  static Value unmarshal(String text) throws BuiltinException {
    Node root;
    try {
      Iterator<Node> documents = new Compose(LOAD).composeAllFromString(text).iterator();
      if (!documents.hasNext()) {
        return NullValue.INSTANCE;
      }
      root = documents.next();
    } catch (MarkedYamlEngineException e) {
      throw new BuiltinException(describe(e));
    } catch (YamlEngineException e) {
      throw new BuiltinException("yaml: " + e.getMessage());
    } catch (StackOverflowError e) {
      // The YAML composer recurses per nesting level; refuse absurd nesting instead of crashing.
      throw new BuiltinException("yaml: document is nested too deeply");
    }
    return toValue(root, 0);
  }

  /** Go's style: {@code yaml: line 1: did not find expected ',' or ']'}. */
  private static String describe(MarkedYamlEngineException e) {
    int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    int but = problem.indexOf(", but ");
    if (problem.startsWith("expected ") && but > 0) {
      problem = "did not find " + problem.substring(0, but);
    }
    return "yaml: line " + line + ": " + problem;
  }

  private static Value toValue(Node node, int depth) throws BuiltinException {
    if (depth > 1_000) {
      throw new BuiltinException("yaml: document nested too deeply");
    }
    return switch (node) {
      case ScalarNode s -> scalar(s);
      case SequenceNode seq -> {
        List<Value> values = new ArrayList<>(seq.getValue().size());
        for (Node item : seq.getValue()) {
          values.add(toValue(item, depth + 1));
        }
        yield ArrayValue.of(values);
      }
      case MappingNode map -> {
        Map<Value, Value> entries = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
          Node keyNode = t.getKeyNode();
          if (keyNode instanceof ScalarNode ks
              && ks.isPlain()
              && ks.getValue().equals("<<")
              && !(t.getValueNode() instanceof ScalarNode)) {
            merge(t.getValueNode(), entries, depth);
            continue;
          }
          entries.put(
              StringValue.of(keyString(toValue(keyNode, depth + 1))),
              toValue(t.getValueNode(), depth + 1));
        }
        yield ObjectValue.of(entries);
      }
      default -> throw new BuiltinException("yaml: unsupported node " + node.getNodeType());
    };
  }

  /** A merge key ({@code <<: *base}) adds the entries the mapping does not set itself. */
  private static void merge(Node source, Map<Value, Value> into, int depth)
      throws BuiltinException {
    List<Node> sources = source instanceof SequenceNode seq ? seq.getValue() : List.of(source);
    for (Node s : sources) {
      if (!(toValue(s, depth + 1) instanceof ObjectValue o)) {
        throw new BuiltinException("yaml: map merge requires map or sequence of maps as the value");
      }
      for (Value k : o.keys()) {
        into.putIfAbsent(k, o.get(k));
      }
    }
  }

  private static String keyString(Value key) throws BuiltinException {
    return switch (key) {
      case StringValue s -> s.value();
      case NullValue n -> "null";
      case BooleanValue b -> Boolean.toString(b.value());
      case NumberValue n -> n.toString();
      default ->
          throw new BuiltinException("yaml: mapping keys must be scalars, not " + key.typeName());
    };
  }

  private static Value scalar(ScalarNode node) throws BuiltinException {
    String text = node.getValue();
    Tag tag = node.isPlain() ? Yaml11Schema.resolve(text) : node.getTag();
    if (tag.equals(Tag.NULL)) {
      return NullValue.INSTANCE;
    }
    if (tag.equals(Tag.BOOL)) {
      return BooleanValue.of(Yaml11Schema.isTrue(text));
    }
    if (tag.equals(Tag.INT)) {
      return NumberValue.of(parseInt(text));
    }
    if (tag.equals(Tag.FLOAT)) {
      String t = text.replace("_", "");
      if (t.toLowerCase(java.util.Locale.ROOT).contains("inf")
          || t.toLowerCase(java.util.Locale.ROOT).contains("nan")) {
        throw new BuiltinException("json: unsupported value: " + text);
      }
      return NumberValue.of(
          new BigDecimal(
              t.startsWith(".") || t.startsWith("-.") || t.startsWith("+.")
                  ? t.replaceFirst("\\.", "0.")
                  : t));
    }
    return StringValue.of(text);
  }

  private static BigInteger parseInt(String text) throws BuiltinException {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger v;
    try {
      if (t.startsWith("0b")) {
        v = new BigInteger(t.substring(2), 2);
      } else if (t.startsWith("0x")) {
        v = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0o")) {
        v = new BigInteger(t.substring(2), 8);
      } else if (t.length() > 1 && t.startsWith("0")) {
        v = new BigInteger(t.substring(1), 8);
      } else {
        v = new BigInteger(t);
      }
    } catch (NumberFormatException e) {
      throw new BuiltinException("yaml: invalid integer " + text);
    }
    return negative ? v.negate() : v;
  }
}
