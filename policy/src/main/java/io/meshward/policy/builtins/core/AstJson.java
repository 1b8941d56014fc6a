package io.meshward.policy.builtins.core;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Module;
import io.meshward.policy.ast.Rule;
import io.meshward.policy.ast.Term;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Writes a parsed module in the shape of OPA's JSON syntax tree (terms as type/value pairs). */
final class AstJson {

  private AstJson() {}

  static Value module(Module m) {
    List<Value> path = new ArrayList<>();
    path.add(term("var", StringValue.of("data")));
    m.packagePath().forEach(p -> path.add(term("string", StringValue.of(p))));
    List<Value> imports = new ArrayList<>();
    for (Module.Import imp : m.imports()) {
      List<Value> ip = new ArrayList<>();
      ip.add(term("var", StringValue.of(imp.path().get(0))));
      imp.path().stream().skip(1).forEach(p -> ip.add(term("string", StringValue.of(p))));
      ObjectValue.Builder b = ObjectValue.builder().put("path", term("ref", ArrayValue.of(ip)));
      if (imp.alias() != null) {
        b.put("alias", StringValue.of(imp.alias()));
      }
      imports.add(b.build());
    }
    List<Value> rules = new ArrayList<>();
    for (Rule r : m.rules()) {
      rules.add(rule(r));
    }
    ObjectValue.Builder out =
        ObjectValue.builder()
            .put("package", ObjectValue.builder().put("path", ArrayValue.of(path)).build());
    if (!imports.isEmpty()) {
      out.put("imports", ArrayValue.of(imports));
    }
    if (!rules.isEmpty()) {
      out.put("rules", ArrayValue.of(rules));
    }
    return out.build();
  }

  private static Value rule(Rule r) {
    ObjectValue.Builder head = ObjectValue.builder();
    head.put("ref", term(r.ref()).asMap().get(StringValue.of("value")));
    head.put("name", StringValue.of(((Term.Var) r.ref().head()).name()));
    if (r.args() != null) {
      List<Value> args = new ArrayList<>();
      r.args().forEach(a -> args.add(term(a)));
      head.put("args", ArrayValue.of(args));
    }
    if (r.key() != null) {
      head.put("key", term(r.key()));
    }
    if (r.value() != null) {
      head.put("value", term(r.value()));
    }
    if (r.assign()) {
      head.put("assign", BooleanValue.TRUE);
    }
    List<Value> body = new ArrayList<>();
    int i = 0;
    for (Expr e : r.body()) {
      body.add(expr(e, i++));
    }
    ObjectValue.Builder out =
        ObjectValue.builder().put("head", head.build()).put("body", ArrayValue.of(body));
    if (r.isDefault()) {
      out.put("default", BooleanValue.TRUE);
    }
    return out.build();
  }

  private static Value expr(Expr e, int index) {
    ObjectValue.Builder b =
        ObjectValue.builder().put("index", io.meshward.policy.value.NumberValue.of(index));
    if (e.negated()) {
      b.put("negated", BooleanValue.TRUE);
    }
    if (e.kind() instanceof Expr.TermExpr te) {
      if (te.term() instanceof Term.Call c) {
        List<Value> terms = new ArrayList<>();
        terms.add(ref(c.name()));
        c.args().forEach(a -> terms.add(term(a)));
        b.put("terms", ArrayValue.of(terms));
      } else {
        b.put("terms", term(te.term()));
      }
    }
    return b.build();
  }

  private static ObjectValue ref(String dotted) {
    List<Value> parts = new ArrayList<>();
    String[] segs = dotted.split("\\.");
    parts.add(term("var", StringValue.of(segs[0])));
    for (int i = 1; i < segs.length; i++) {
      parts.add(term("string", StringValue.of(segs[i])));
    }
    return term("ref", ArrayValue.of(parts));
  }

  private static ObjectValue term(String type, Value value) {
    return ObjectValue.builder().put("type", StringValue.of(type)).put("value", value).build();
  }

  private static ObjectValue term(Term t) {
    return switch (t) {
      case Term.Scalar s -> term(s.value().typeName(), s.value());
      case Term.Var v -> term("var", StringValue.of(v.name().startsWith("$") ? "_" : v.name()));
      case Term.Local l -> term("var", StringValue.of(l.name()));
      case Term.Ref r -> {
        List<Value> parts = new ArrayList<>();
        parts.add(term(r.head()));
        r.path().forEach(p -> parts.add(term(p)));
        yield term("ref", ArrayValue.of(parts));
      }
      case Term.ArrayTerm a ->
          term(
              "array",
              ArrayValue.of(a.items().stream().map(AstJson::term).map(Value.class::cast).toList()));
      case Term.SetTerm s ->
          term(
              "set",
              ArrayValue.of(s.items().stream().map(AstJson::term).map(Value.class::cast).toList()));
      case Term.ObjectTerm o -> {
        List<Value> entries = new ArrayList<>();
        o.entries().forEach(en -> entries.add(ArrayValue.of(term(en.key()), term(en.value()))));
        yield term("object", ArrayValue.of(entries));
      }
      case Term.Call c -> {
        List<Value> parts = new ArrayList<>();
        parts.add(ref(c.name()));
        c.args().forEach(a -> parts.add(term(a)));
        yield term("call", ArrayValue.of(parts));
      }
      case Term.ArrayCompr c ->
          term("arraycomprehension", ObjectValue.builder().put("term", term(c.head())).build());
      case Term.SetCompr c ->
          term("setcomprehension", ObjectValue.builder().put("term", term(c.head())).build());
      case Term.ObjectCompr c ->
          term(
              "objectcomprehension",
              ObjectValue.builder()
                  .put("key", term(c.key()))
                  .put("value", term(c.value()))
                  .build());
    };
  }
}
