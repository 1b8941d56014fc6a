package io.meshward.policy.builtins.objects;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths of {@code json.filter} and {@code json.remove} ({@code "a/b/0"} or {@code ["a", "b",
 * 0]}), gathered into a tree so that a document is walked once however many paths there are.
 */
final class JsonPaths {

  /** One step of the tree: whether a path ends here, and the steps below. */
  static final class Node {
    boolean terminal;
    final Map<Value, Node> children = new HashMap<>();

    Node child(Value segment) {
      return children.computeIfAbsent(segment, k -> new Node());
    }

    /** The subtree for an array index, written either as a number or as a decimal string. */
    Node forIndex(int index) {
      Node n = children.get(StringValue.of(Integer.toString(index)));
      return n != null ? n : children.get(NumberValue.of(index));
    }
  }

  private JsonPaths() {}

  static Node parse(Value[] args, int index) throws BuiltinException {
    List<Value> paths =
        switch (args[index]) {
          case ArrayValue a -> a.elements();
          case SetValue s -> s.elements();
          default ->
              throw new BuiltinException(
                  BuiltinException.Kind.TYPE,
                  "operand 2 must be one of {set, array} but got " + args[index].typeName());
        };
    Node root = new Node();
    for (Value path : paths) {
      List<Value> segments =
          switch (path) {
            case StringValue s -> pointerSegments(s.value());
            case ArrayValue a -> a.elements();
            default ->
                throw new BuiltinException(
                    BuiltinException.Kind.TYPE,
                    "operand 2 must be one of {set, array} containing string paths or array of"
                        + " path segments but got "
                        + path.typeName());
          };
      Node node = root;
      for (Value segment : segments) {
        node = node.child(segment);
      }
      node.terminal = true;
    }
    return root;
  }

  /** Splits {@code a/b~1c} into {@code ["a", "b/c"]}; one leading slash is ignored. */
  static List<Value> pointerSegments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    List<Value> out = new ArrayList<>();
    int start = 0;
    while (true) {
      int slash = p.indexOf('/', start);
      String raw = slash < 0 ? p.substring(start) : p.substring(start, slash);
      out.add(StringValue.of(raw.replace("~1", "/").replace("~0", "~")));
      if (slash < 0) {
        return out;
      }
      start = slash + 1;
    }
  }

  static ObjectValue filter(ObjectValue document, Node paths) {
    if (paths.terminal) {
      return document;
    }
    Value kept = keep(document, paths);
    return kept instanceof ObjectValue o ? o : ObjectValue.EMPTY;
  }

  /** The parts of {@code value} the tree selects, or null when it selects nothing in it. */
  private static Value keep(Value value, Node node) {
    if (node.terminal) {
      return value;
    }
    switch (value) {
      case ObjectValue o -> {
        ObjectValue.Builder out = ObjectValue.builder();
        for (Map.Entry<Value, Node> e : node.children.entrySet()) {
          Value v = o.get(e.getKey());
          if (v != null) {
            Value kept = keep(v, e.getValue());
            if (kept != null) {
              out.put(e.getKey(), kept);
            }
          }
        }
        return out.build();
      }
      case ArrayValue a -> {
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          Node child = node.forIndex(i);
          if (child != null) {
            Value kept = keep(a.get(i), child);
            if (kept != null) {
              out.add(kept);
            }
          }
        }
        return ArrayValue.of(out);
      }
      case SetValue s -> {
        List<Value> out = new ArrayList<>();
        for (Value member : s) {
          Node child = node.children.get(member);
          if (child != null) {
            Value kept = keep(member, child);
            if (kept != null) {
              out.add(kept);
            }
          }
        }
        return SetValue.of(out);
      }
      default -> {
        return null;
      }
    }
  }

  static ObjectValue remove(ObjectValue document, Node paths) {
    if (paths.terminal) {
      return ObjectValue.EMPTY;
    }
    return (ObjectValue) drop(document, paths);
  }

  /** {@code value} without the parts the tree selects (the caller drops terminal nodes). */
  private static Value drop(Value value, Node node) {
    if (node.children.isEmpty()) {
      return value;
    }
    switch (value) {
      case ObjectValue o -> {
        Map<Value, Value> out = new HashMap<>(o.size());
        for (Value k : o.keys()) {
          Node child = node.children.get(k);
          if (child == null) {
            out.put(k, o.get(k));
          } else if (!child.terminal) {
            out.put(k, drop(o.get(k), child));
          }
        }
        return ObjectValue.of(out);
      }
      case ArrayValue a -> {
        List<Value> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
          Node child = node.forIndex(i);
          if (child == null) {
            out.add(a.get(i));
          } else if (!child.terminal) {
            out.add(drop(a.get(i), child));
          }
        }
        return ArrayValue.of(out);
      }
      case SetValue s -> {
        List<Value> out = new ArrayList<>(s.size());
        for (Value member : s) {
          Node child = node.children.get(member);
          if (child == null) {
            out.add(member);
          } else if (!child.terminal) {
            out.add(drop(member, child));
          }
        }
        return SetValue.of(out);
      }
      default -> {
        return value;
      }
    }
  }
}
