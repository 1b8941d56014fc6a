package io.meshward.policy.builtins.strings;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import io.meshward.policy.value.ValueOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Go's text/template that {@code strings.render_template} needs: {@code {{.field}}},
 * variables, pipelines, {@code if}/{@code else if}/{@code else}, {@code range}, {@code with},
 * comments, trim markers and the functions {@code and or not len index eq ne lt le gt ge print
 * printf println}. Missing keys print as {@code <undefined>}, as OPA shows them.
 */
final class TemplateRenderer {

  private TemplateRenderer() {}

  static String render(String template, ObjectValue data) throws BuiltinException {
    List<TemplateParser.Node> nodes = new TemplateParser(template).parse();
    StringBuilder out = new StringBuilder(template.length() + 32);
    Scope scope = new Scope(data);
    new Executor(out, scope).run(nodes, data);
    return out.toString();
  }

  /** Variables in scope; {@code $} is the root data. */
  static final class Scope {
    private final List<String> names = new ArrayList<>();
    private final List<Value> values = new ArrayList<>();

    Scope(Value root) {
      push("$", root);
    }

    void push(String name, Value value) {
      names.add(name);
      values.add(value);
    }

    int mark() {
      return names.size();
    }

    void reset(int mark) {
      while (names.size() > mark) {
        names.remove(names.size() - 1);
        values.remove(values.size() - 1);
      }
    }

    void assign(String name, Value value) throws BuiltinException {
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equals(name)) {
          values.set(i, value);
          return;
        }
      }
      throw new BuiltinException("template: undefined variable: " + name);
    }

    Value get(String name) throws BuiltinException {
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equals(name)) {
          return values.get(i);
        }
      }
      throw new BuiltinException("template: undefined variable: " + name);
    }
  }

  /** Walks the parsed template, writing output. Java null stands for a missing value. */
  private record Executor(StringBuilder out, Scope scope) {

    void run(List<TemplateParser.Node> nodes, Value dot) throws BuiltinException {
      int mark = scope.mark();
      try {
        for (TemplateParser.Node node : nodes) {
          runNode(node, dot);
        }
      } finally {
        scope.reset(mark);
      }
    }

    private void runNode(TemplateParser.Node node, Value dot) throws BuiltinException {
      switch (node) {
        case TemplateParser.Text t -> out.append(t.text());
        case TemplateParser.Action a -> {
          Value v = pipeline(a.pipeline(), dot);
          if (a.pipeline().declarations().isEmpty()) {
            print(v, out);
          }
        }
        case TemplateParser.If i -> {
          int mark = scope.mark();
          Value v = pipeline(i.pipeline(), dot);
          boolean truth = isTrue(v);
          try {
            run(truth ? i.then() : i.otherwise(), dot);
          } finally {
            scope.reset(mark);
          }
        }
        case TemplateParser.With w -> {
          int mark = scope.mark();
          Value v = pipeline(w.pipeline(), dot);
          try {
            if (isTrue(v)) {
              run(w.body(), v);
            } else {
              run(w.otherwise(), dot);
            }
          } finally {
            scope.reset(mark);
          }
        }
        case TemplateParser.Range r -> range(r, dot);
      }
    }

    private void range(TemplateParser.Range r, Value dot) throws BuiltinException {
      TemplateParser.Pipeline p = r.pipeline();
      Value over = command(p.commands(), dot);
      List<Value[]> items = new ArrayList<>();
      switch (over) {
        case ArrayValue a -> {
          for (int i = 0; i < a.size(); i++) {
            items.add(new Value[] {NumberValue.of(i), a.get(i)});
          }
        }
        case SetValue s -> {
          int i = 0;
          for (Value v : s) {
            items.add(new Value[] {NumberValue.of(i++), v});
          }
        }
        case ObjectValue o -> {
          for (Value k : o.keys()) {
            items.add(new Value[] {k, o.get(k)});
          }
        }
        case NumberValue n when n.isInteger() -> {
          long count = n.longValue().orElse(0L);
          for (long i = 0; i < count; i++) {
            items.add(new Value[] {NumberValue.of(i), NumberValue.of(i)});
          }
        }
        case null -> {}
        case NullValue n -> {}
        default -> throw new BuiltinException("template: range can't iterate over " + goText(over));
      }
      if (items.isEmpty()) {
        run(r.otherwise(), dot);
        return;
      }
      List<String> vars = p.declarations();
      for (Value[] item : items) {
        int mark = scope.mark();
        try {
          if (vars.size() == 1) {
            scope.push(vars.get(0), item[1]);
          } else if (vars.size() == 2) {
            scope.push(vars.get(0), item[0]);
            scope.push(vars.get(1), item[1]);
          }
          run(r.body(), item[1]);
        } finally {
          scope.reset(mark);
        }
      }
    }

    private Value pipeline(TemplateParser.Pipeline p, Value dot) throws BuiltinException {
      Value v = command(p.commands(), dot);
      if (p.declarations().size() == 1) {
        if (p.assign()) {
          scope.assign(p.declarations().get(0), v);
        } else {
          scope.push(p.declarations().get(0), v);
        }
      }
      return v;
    }

    /** Runs piped commands; each result becomes the last argument of the next. */
    private Value command(List<List<TemplateParser.Operand>> commands, Value dot)
        throws BuiltinException {
      Value piped = null;
      boolean hasPiped = false;
      for (List<TemplateParser.Operand> cmd : commands) {
        TemplateParser.Operand head = cmd.get(0);
        if (head instanceof TemplateParser.Function f) {
          List<TemplateParser.Operand> args = cmd.subList(1, cmd.size());
          piped = call(f.name(), args, dot, hasPiped, piped);
        } else {
          if (cmd.size() > 1 || hasPiped) {
            throw new BuiltinException("template: can't give argument to non-function");
          }
          piped = operand(head, dot);
        }
        hasPiped = true;
      }
      return piped;
    }

    private Value operand(TemplateParser.Operand op, Value dot) throws BuiltinException {
      return switch (op) {
        case TemplateParser.Literal l -> l.value();
        case TemplateParser.Field f -> fields(dot, f.chain());
        case TemplateParser.Variable v -> fields(scope.get(v.name()), v.chain());
        case TemplateParser.Sub s -> pipeline(s.pipeline(), dot);
        case TemplateParser.Function f -> call(f.name(), List.of(), dot, false, null);
      };
    }

    private static Value fields(Value start, List<String> chain) throws BuiltinException {
      Value v = start;
      for (String name : chain) {
        if (v == null) {
          return null;
        }
        if (v instanceof ObjectValue o) {
          v = o.get(name);
        } else {
          throw new BuiltinException(
              "template: can't evaluate field " + name + " in type " + goType(v));
        }
      }
      return v;
    }

    private Value call(
        String name, List<TemplateParser.Operand> args, Value dot, boolean hasPiped, Value piped)
        throws BuiltinException {
      List<Value> values = new ArrayList<>(args.size() + 1);
      if (name.equals("and") || name.equals("or")) {
        Value last = null;
        int n = args.size() + (hasPiped ? 1 : 0);
        if (n == 0) {
          throw new BuiltinException("template: wrong number of args for " + name);
        }
        for (int i = 0; i < n; i++) {
          last = i < args.size() ? operand(args.get(i), dot) : piped;
          boolean t = isTrue(last);
          if (name.equals("and") != t) {
            return last;
          }
        }
        return last;
      }
      for (TemplateParser.Operand a : args) {
        values.add(operand(a, dot));
      }
      if (hasPiped) {
        values.add(piped);
      }
      return Functions.apply(name, values);
    }
  }

  /** The built-in template functions. */
  private static final class Functions {
    static Value apply(String name, List<Value> args) throws BuiltinException {
      switch (name) {
        case "not" -> {
          arity(name, args, 1);
          return BooleanValue.of(!isTrue(args.get(0)));
        }
        case "len" -> {
          arity(name, args, 1);
          return NumberValue.of(
              switch (args.get(0)) {
                case StringValue s -> s.value().getBytes(StandardCharsets.UTF_8).length;
                case ArrayValue a -> a.size();
                case SetValue s -> s.size();
                case ObjectValue o -> o.size();
                case null, default ->
                    throw new BuiltinException("template: len of " + goType(args.get(0)));
              });
        }
        case "index" -> {
          if (args.isEmpty()) {
            throw new BuiltinException("template: wrong number of args for index");
          }
          Value v = args.get(0);
          for (Value key : args.subList(1, args.size())) {
            v =
                switch (v) {
                  case ObjectValue o -> o.get(key);
                  case ArrayValue a -> {
                    int i = key instanceof NumberValue n ? n.intValue().orElse(-1) : -1;
                    if (i < 0 || i >= a.size()) {
                      throw new BuiltinException("template: index out of range: " + key);
                    }
                    yield a.get(i);
                  }
                  case null -> null;
                  default ->
                      throw new BuiltinException("template: can't index item of type " + goType(v));
                };
          }
          return v;
        }
        case "eq" -> {
          if (args.size() < 2) {
            throw new BuiltinException("template: missing argument for comparison");
          }
          for (Value other : args.subList(1, args.size())) {
            if (compare(args.get(0), other, true) == 0) {
              return BooleanValue.TRUE;
            }
          }
          return BooleanValue.FALSE;
        }
        case "ne" -> {
          arity(name, args, 2);
          return BooleanValue.of(compare(args.get(0), args.get(1), true) != 0);
        }
        case "lt" -> {
          arity(name, args, 2);
          return BooleanValue.of(compare(args.get(0), args.get(1), false) < 0);
        }
        case "le" -> {
          arity(name, args, 2);
          return BooleanValue.of(compare(args.get(0), args.get(1), false) <= 0);
        }
        case "gt" -> {
          arity(name, args, 2);
          return BooleanValue.of(compare(args.get(0), args.get(1), false) > 0);
        }
        case "ge" -> {
          arity(name, args, 2);
          return BooleanValue.of(compare(args.get(0), args.get(1), false) >= 0);
        }
        case "print", "println" -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < args.size(); i++) {
            boolean spaced =
                name.equals("println")
                    || (i > 0
                        && !(args.get(i) instanceof StringValue)
                        && !(args.get(i - 1) instanceof StringValue));
            if (i > 0 && spaced) {
              sb.append(' ');
            }
            print(args.get(i), sb);
          }
          if (name.equals("println")) {
            sb.append('\n');
          }
          return StringValue.of(sb.toString());
        }
        case "printf" -> {
          if (args.isEmpty() || !(args.get(0) instanceof StringValue format)) {
            throw new BuiltinException("template: printf needs a format string");
          }
          List<Object> operands = new ArrayList<>();
          for (Value v : args.subList(1, args.size())) {
            operands.add(v == null ? "<nil>" : StringBuiltins.goOperand(v));
          }
          return StringValue.of(GoFormatter.format(format.value(), operands));
        }
        default -> throw new BuiltinException("template: function \"" + name + "\" not defined");
      }
    }

    private static void arity(String name, List<Value> args, int n) throws BuiltinException {
      if (args.size() != n) {
        throw new BuiltinException(
            "template: wrong number of args for " + name + ": want " + n + " got " + args.size());
      }
    }

    private static int compare(Value a, Value b, boolean equalityOnly) throws BuiltinException {
      if (a == null || b == null) {
        if (equalityOnly) {
          return a == b ? 0 : 1;
        }
        throw new BuiltinException("template: invalid type for comparison");
      }
      boolean basic =
          a instanceof NumberValue || a instanceof StringValue || a instanceof BooleanValue;
      if (a.kind() != b.kind()) {
        throw new BuiltinException("template: incompatible types for comparison");
      }
      if (!basic || (!equalityOnly && a instanceof BooleanValue)) {
        if (equalityOnly && !basic) {
          throw new BuiltinException("template: non-comparable type " + goType(a));
        }
        throw new BuiltinException("template: invalid type for comparison");
      }
      return ValueOrder.compare(a, b);
    }
  }

  static boolean isTrue(Value v) {
    return switch (v) {
      case null -> false;
      case NullValue n -> false;
      case BooleanValue b -> b.value();
      case NumberValue n -> n.bigDecimalValue().signum() != 0;
      case StringValue s -> !s.value().isEmpty();
      case ArrayValue a -> !a.isEmpty();
      case SetValue s -> !s.isEmpty();
      case ObjectValue o -> !o.isEmpty();
    };
  }

  /** Writes a value as Go's fmt prints the decoded JSON OPA hands to the template. */
  static void print(Value v, StringBuilder out) {
    switch (v) {
      case null -> out.append("<undefined>");
      case NullValue n -> out.append("<nil>");
      case StringValue s -> out.append(s.value());
      case NumberValue n -> out.append(n);
      case BooleanValue b -> out.append(b.value());
      case ArrayValue a -> printList(a.elements(), out);
      case SetValue s -> printList(s.elements(), out);
      case ObjectValue o -> {
        out.append("map[");
        boolean first = true;
        for (Value k : o.keys()) {
          if (!first) {
            out.append(' ');
          }
          first = false;
          print(k, out);
          out.append(':');
          print(o.get(k), out);
        }
        out.append(']');
      }
    }
  }

  private static void printList(List<Value> values, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      print(values.get(i), out);
    }
    out.append(']');
  }

  private static String goText(Value v) {
    StringBuilder sb = new StringBuilder();
    print(v, sb);
    return sb.toString();
  }

  private static String goType(Value v) {
    return switch (v) {
      case null -> "<nil>";
      case NullValue n -> "<nil>";
      case StringValue s -> "string";
      case NumberValue n -> "json.Number";
      case BooleanValue b -> "bool";
      case ArrayValue a -> "[]interface {}";
      case SetValue s -> "[]interface {}";
      case ObjectValue o -> "map[string]interface {}";
    };
  }
}
