package io.meshward.policy.builtins.graphql;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes AST objects (as {@link GqlParser} produces, or as a policy passes them in) back to GraphQL
 * text, so that graphql-java can validate documents given either as text or as AST objects.
 */
final class GqlPrinter {

  private final StringBuilder out = new StringBuilder();

  private GqlPrinter() {}

  static String query(ObjectValue doc) throws GqlSyntaxException {
    GqlPrinter p = new GqlPrinter();
    for (Value op : list(doc, "Operations")) {
      p.operation(obj(op));
    }
    for (Value fragment : list(doc, "Fragments")) {
      p.fragmentDefinition(obj(fragment));
    }
    return p.out.toString();
  }

  /**
   * The schema as SDL. An extension of a type that is never defined becomes that type's definition,
   * as OPA accepts (federated schemas extend types defined elsewhere).
   */
  static String schema(ObjectValue doc) throws GqlSyntaxException {
    GqlPrinter p = new GqlPrinter();
    Set<String> defined = new HashSet<>();
    for (Value def : list(doc, "Definitions")) {
      defined.add(str(obj(def), "Name"));
    }
    for (Value d : list(doc, "Directives")) {
      p.directiveDefinition(obj(d));
    }
    for (Value s : list(doc, "Schema")) {
      p.schemaDefinition(obj(s), false);
    }
    for (Value s : list(doc, "SchemaExtension")) {
      p.schemaDefinition(obj(s), true);
    }
    for (Value def : list(doc, "Definitions")) {
      p.typeDefinition(obj(def), false);
    }
    for (Value ext : list(doc, "Extensions")) {
      ObjectValue e = obj(ext);
      boolean promote = defined.add(str(e, "Name"));
      p.typeDefinition(e, !promote);
    }
    return p.out.toString();
  }

  /** Whether the schema has a query root: declared in a schema block or a type named Query. */
  static boolean hasQueryRoot(ObjectValue doc) throws GqlSyntaxException {
    for (String key : List.of("Schema", "SchemaExtension")) {
      for (Value s : list(doc, key)) {
        for (Value op : list(obj(s), "OperationTypes")) {
          if (str(obj(op), "Operation").equals("query")) {
            return true;
          }
        }
      }
    }
    for (String key : List.of("Definitions", "Extensions")) {
      for (Value def : list(doc, key)) {
        if (str(obj(def), "Name").equals("Query")) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- executable documents ----

  private void operation(ObjectValue op) throws GqlSyntaxException {
    out.append(str(op, "Operation")).append(' ').append(str(op, "Name"));
    List<Value> vars = list(op, "VariableDefinitions");
    if (!vars.isEmpty()) {
      out.append('(');
      for (Value v : vars) {
        ObjectValue var = obj(v);
        out.append('$').append(str(var, "Variable")).append(": ");
        type(obj(var.get("Type")));
        if (var.get("DefaultValue") != null) {
          out.append(" = ");
          value(obj(var.get("DefaultValue")));
        }
        directives(var);
        out.append(' ');
      }
      out.append(')');
    }
    directives(op);
    selectionSet(list(op, "SelectionSet"));
    out.append('\n');
  }

  private void fragmentDefinition(ObjectValue f) throws GqlSyntaxException {
    out.append("fragment ").append(str(f, "Name")).append(" on ").append(str(f, "TypeCondition"));
    directives(f);
    selectionSet(list(f, "SelectionSet"));
    out.append('\n');
  }

  private void selectionSet(List<Value> selections) throws GqlSyntaxException {
    out.append(" {");
    for (Value s : selections) {
      ObjectValue sel = obj(s);
      out.append(' ');
      if (sel.get("TypeCondition") != null) {
        out.append("...");
        String on = str(sel, "TypeCondition");
        if (!on.isEmpty()) {
          out.append(" on ").append(on);
        }
        directives(sel);
        selectionSet(list(sel, "SelectionSet"));
      } else if (sel.get("Alias") == null) {
        out.append("...").append(str(sel, "Name"));
        directives(sel);
      } else {
        String alias = str(sel, "Alias");
        String name = str(sel, "Name");
        if (!alias.isEmpty() && !alias.equals(name)) {
          out.append(alias).append(": ");
        }
        out.append(name);
        arguments(list(sel, "Arguments"));
        directives(sel);
        List<Value> nested = list(sel, "SelectionSet");
        if (!nested.isEmpty()) {
          selectionSet(nested);
        }
      }
    }
    out.append(" }");
  }

  private void arguments(List<Value> args) throws GqlSyntaxException {
    if (args.isEmpty()) {
      return;
    }
    out.append('(');
    for (Value a : args) {
      ObjectValue arg = obj(a);
      out.append(str(arg, "Name")).append(": ");
      value(obj(arg.get("Value")));
      out.append(' ');
    }
    out.append(')');
  }

  private void directives(ObjectValue owner) throws GqlSyntaxException {
    for (Value d : list(owner, "Directives")) {
      ObjectValue dir = obj(d);
      out.append(" @").append(str(dir, "Name"));
      arguments(list(dir, "Arguments"));
    }
  }

  private void value(ObjectValue v) throws GqlSyntaxException {
    if (!(v.get("Kind") instanceof NumberValue n) || n.intValue().isEmpty()) {
      throw malformed("value without a numeric Kind");
    }
    String raw = str(v, "Raw");
    switch (n.intValue().get()) {
      case 0 -> out.append('$').append(raw);
      case 3, 4 -> out.append(GqlStrings.literal(raw));
      case 8 -> {
        out.append('[');
        for (Value c : list(v, "Children")) {
          value(obj(obj(c).get("Value")));
          out.append(' ');
        }
        out.append(']');
      }
      case 9 -> {
        out.append('{');
        for (Value c : list(v, "Children")) {
          ObjectValue child = obj(c);
          out.append(str(child, "Name")).append(": ");
          value(obj(child.get("Value")));
          out.append(' ');
        }
        out.append('}');
      }
      default -> out.append(raw);
    }
  }

  private void type(ObjectValue t) throws GqlSyntaxException {
    Value elem = t.get("Elem");
    if (elem != null) {
      out.append('[');
      type(obj(elem));
      out.append(']');
    } else {
      out.append(str(t, "NamedType"));
    }
    if (t.get("NonNull") instanceof BooleanValue b && b.value()) {
      out.append('!');
    }
  }

  // ---- schema documents ----

  private void description(ObjectValue def) throws GqlSyntaxException {
    Value d = def.get("Description");
    if (d instanceof StringValue s && !s.value().isEmpty()) {
      out.append(GqlStrings.literal(s.value())).append(' ');
    }
  }

  private void schemaDefinition(ObjectValue s, boolean extension) throws GqlSyntaxException {
    out.append(extension ? "extend schema" : "schema");
    directives(s);
    List<Value> ops = list(s, "OperationTypes");
    if (!ops.isEmpty()) {
      out.append(" {");
      for (Value o : ops) {
        ObjectValue op = obj(o);
        out.append(' ').append(str(op, "Operation")).append(": ").append(str(op, "Type"));
      }
      out.append(" }");
    }
    out.append('\n');
  }

  private void directiveDefinition(ObjectValue d) throws GqlSyntaxException {
    description(d);
    out.append("directive @").append(str(d, "Name"));
    argumentDefinitions(list(d, "Arguments"));
    if (d.get("IsRepeatable") instanceof BooleanValue b && b.value()) {
      out.append(" repeatable");
    }
    out.append(" on");
    String sep = " ";
    for (Value l : list(d, "Locations")) {
      out.append(sep).append(((StringValue) l).value());
      sep = " | ";
    }
    out.append('\n');
  }

  private void typeDefinition(ObjectValue def, boolean extension) throws GqlSyntaxException {
    if (!extension) {
      description(def);
    } else {
      out.append("extend ");
    }
    String kind = str(def, "Kind");
    switch (kind) {
      case "SCALAR" -> {
        out.append("scalar ").append(str(def, "Name"));
        directives(def);
      }
      case "OBJECT", "INTERFACE" -> {
        out.append(kind.equals("OBJECT") ? "type " : "interface ").append(str(def, "Name"));
        List<Value> interfaces = list(def, "Interfaces");
        String sep = " implements ";
        for (Value i : interfaces) {
          out.append(sep).append(((StringValue) i).value());
          sep = " & ";
        }
        directives(def);
        fields(list(def, "Fields"), false);
      }
      case "UNION" -> {
        out.append("union ").append(str(def, "Name"));
        directives(def);
        String sep = " = ";
        for (Value t : list(def, "Types")) {
          out.append(sep).append(((StringValue) t).value());
          sep = " | ";
        }
      }
      case "ENUM" -> {
        out.append("enum ").append(str(def, "Name"));
        directives(def);
        List<Value> values = list(def, "EnumValues");
        if (!values.isEmpty()) {
          out.append(" {");
          for (Value v : values) {
            ObjectValue ev = obj(v);
            out.append(' ');
            description(ev);
            out.append(str(ev, "Name"));
            directives(ev);
          }
          out.append(" }");
        }
      }
      case "INPUT_OBJECT" -> {
        out.append("input ").append(str(def, "Name"));
        directives(def);
        fields(list(def, "Fields"), true);
      }
      default -> throw malformed("unknown definition kind " + kind);
    }
    out.append('\n');
  }

  private void fields(List<Value> fields, boolean input) throws GqlSyntaxException {
    if (fields.isEmpty()) {
      return;
    }
    out.append(" {\n");
    for (Value f : fields) {
      ObjectValue field = obj(f);
      out.append("  ");
      description(field);
      out.append(str(field, "Name"));
      if (!input) {
        argumentDefinitions(list(field, "Arguments"));
      }
      out.append(": ");
      type(obj(field.get("Type")));
      if (field.get("DefaultValue") != null) {
        out.append(" = ");
        value(obj(field.get("DefaultValue")));
      }
      directives(field);
      out.append('\n');
    }
    out.append('}');
  }

  private void argumentDefinitions(List<Value> args) throws GqlSyntaxException {
    if (args.isEmpty()) {
      return;
    }
    out.append('(');
    for (Value a : args) {
      ObjectValue arg = obj(a);
      description(arg);
      out.append(str(arg, "Name")).append(": ");
      type(obj(arg.get("Type")));
      if (arg.get("DefaultValue") != null) {
        out.append(" = ");
        value(obj(arg.get("DefaultValue")));
      }
      directives(arg);
      out.append(' ');
    }
    out.append(')');
  }

  // ---- reading AST objects ----

  private static ObjectValue obj(Value v) throws GqlSyntaxException {
    if (v instanceof ObjectValue o) {
      return o;
    }
    throw malformed("expected an object but got " + (v == null ? "nothing" : v.typeName()));
  }

  private static List<Value> list(ObjectValue o, String key) throws GqlSyntaxException {
    Value v = o.get(key);
    if (v == null || v instanceof io.meshward.policy.value.NullValue) {
      return List.of();
    }
    if (v instanceof ArrayValue a) {
      for (Value e : a) {
        if (e == null) {
          throw malformed(key + " holds a null element");
        }
      }
      return a.elements();
    }
    throw malformed(key + " must be an array but got " + v.typeName());
  }

  private static String str(ObjectValue o, String key) throws GqlSyntaxException {
    Value v = o.get(key);
    if (v == null) {
      return "";
    }
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw malformed(key + " must be a string but got " + v.typeName());
  }

  private static GqlSyntaxException malformed(String what) {
    return new GqlSyntaxException("malformed GraphQL AST object: " + what);
  }
}
