package io.meshward.policy.compile;

import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Location;
import io.meshward.policy.ast.Module;
import io.meshward.policy.ast.Rule;
import io.meshward.policy.ast.Term;
import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.rego.RegoError;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.types.Type;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.ValueKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles parsed modules: resolves names (imports, rules of the package, locals), rewrites {@code
 * print}, checks calls against builtin signatures, orders bodies for safety, groups rules into the
 * virtual document tree, indexes large rule sets and rejects recursion.
 */
public final class Compiler {

  private final BuiltinTable builtins;
  private final CompileOptions options;
  private final List<RegoError> errors = new ArrayList<>();
  private final Map<String, Set<String>> packageRules = new HashMap<>();
  private final Map<String, Integer> functionArity = new HashMap<>();
  private int generated;

  /** Index of the literal whose explicit declarations are being collected, or -1. */
  private int explicitIndex = -1;

  private Compiler(BuiltinTable builtins, CompileOptions options) {
    this.builtins = builtins;
    this.options = options;
  }

  /** Per-module naming context. */
  private record Ctx(List<String> pkg, Map<String, List<String>> imports, Set<String> ruleNames) {}

  /** Compiles modules into a policy, or throws a {@link RegoException} listing every error. */
  public static CompiledPolicy compile(
      List<Module> modules, BuiltinTable builtins, CompileOptions options) {
    Compiler c = new Compiler(builtins, options);
    CompiledPolicy policy = c.compileModules(modules);
    if (!c.errors.isEmpty()) {
      throw new RegoException(c.errors);
    }
    return policy;
  }

  /** Compiles a query against a compiled policy. */
  public static CompiledQuery compileQuery(List<Expr> body, String text, CompiledPolicy policy) {
    Compiler c = new Compiler(policy.builtins(), CompileOptions.DEFAULT);
    policy
        .ruleSets()
        .forEach(
            (path, rs) -> {
              if (rs.function()) {
                c.functionArity.put(
                    path,
                    rs.rules().isEmpty()
                        ? rs.defaultRule().args().size()
                        : rs.rules().get(0).args().size());
              }
            });
    Ctx ctx = new Ctx(List.of(), Map.of(), Set.of());
    Scope scope = new Scope();
    body = captureValues(body);
    c.declareDirect(body, scope, ctx);
    List<Expr> resolved = c.resolveBody(body, scope, ctx);
    Safety safety = new Safety(scope.frame(), c.errors, c::arity);
    List<Expr> ordered = safety.reorder(resolved, 0, new BitSet(), new BitSet());
    TypeCheck.check(ordered, c.builtins, c.errors);
    if (!c.errors.isEmpty()) {
      throw new RegoException(c.errors);
    }
    List<Integer> outputs = new ArrayList<>();
    Scope.Frame f = scope.frame();
    for (int i = 0; i < f.size(); i++) {
      if (f.depthOf(i) == 0 && !f.slotNames.get(i).startsWith("$")) {
        outputs.add(i);
      }
    }
    return new CompiledQuery(ordered, f.size(), List.copyOf(f.slotNames), outputs, text);
  }

  /**
   * Rewrites bare terms of a query ({@code data.x}) into {@code $capN = data.x}, so a query reports
   * their value, {@code false} included, as {@code opa eval} does.
   */
  private static List<Expr> captureValues(List<Expr> body) {
    List<Expr> out = new ArrayList<>(body.size());
    int n = 0;
    for (Expr e : body) {
      if (!e.negated()
          && e.kind() instanceof Expr.TermExpr te
          && !(te.term() instanceof Term.Call)) {
        Term.Var cap = new Term.Var(CAPTURE_PREFIX + n++, te.term().loc());
        out.add(
            e.withKind(new Expr.TermExpr(new Term.Call("eq", List.of(cap, te.term()), e.loc()))));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** Name prefix of the variables that capture query expression values. */
  public static final String CAPTURE_PREFIX = "$cap";

  // ------------------------------------------------------------------ modules

  private CompiledPolicy compileModules(List<Module> modules) {
    for (Module m : modules) {
      Set<String> names =
          packageRules.computeIfAbsent(String.join(".", m.packagePath()), k -> new HashSet<>());
      for (Rule r : m.rules()) {
        names.add(((Term.Var) r.ref().head()).name());
        if (r.isFunction()) {
          String path = staticPath(m, r);
          Integer prev = functionArity.put(path, r.args().size());
          if (prev != null && prev != r.args().size()) {
            errors.add(
                RegoError.at(
                    r.loc(),
                    "rego_type_error",
                    "function "
                        + path
                        + " has arity "
                        + prev
                        + ", got "
                        + r.args().size()
                        + " arguments"));
          }
        }
      }
    }
    Map<String, List<CompiledRule>> byPath = new LinkedHashMap<>();
    Map<String, CompiledRule> defaults = new HashMap<>();
    Map<String, List<String>> segments = new HashMap<>();
    Map<String, Boolean> contains = new HashMap<>();
    for (Module m : modules) {
      Map<String, List<String>> imports = new HashMap<>();
      for (Module.Import imp : m.imports()) {
        String root = imp.path().get(0);
        if (root.equals("data") || root.equals("input")) {
          imports.put(imp.name(), imp.path());
        }
      }
      Ctx ctx =
          new Ctx(m.packagePath(), imports, packageRules.get(String.join(".", m.packagePath())));
      for (Rule r : m.rules()) {
        List<String> segs = new ArrayList<>(m.packagePath());
        List<Term> keyPath = new ArrayList<>();
        segs.add(((Term.Var) r.ref().head()).name());
        boolean inPrefix = true;
        for (Term t : r.ref().path()) {
          if (inPrefix && t instanceof Term.Scalar s && s.value() instanceof StringValue str) {
            segs.add(str.value());
          } else {
            inPrefix = false;
            keyPath.add(t);
          }
        }
        String path = "data." + String.join(".", segs);
        if (!keyPath.isEmpty() && r.isFunction()) {
          errors.add(
              RegoError.at(
                  r.loc(),
                  "rego_parse_error",
                  "functions must not have variables in their head reference"));
          continue;
        }
        CompiledRule cr;
        try {
          cr = compileRule(r, ctx, path, keyPath, r.args());
        } catch (RegoException e) {
          errors.addAll(e.errors());
          continue;
        }
        segments.put(path, segs);
        Boolean prevContains = contains.put(path, r.isContains());
        if (prevContains != null && prevContains != r.isContains()) {
          errors.add(
              RegoError.at(r.loc(), "rego_type_error", "conflicting rules " + path + " found"));
        }
        if (r.isDefault()) {
          if (defaults.put(path, cr) != null) {
            errors.add(
                RegoError.at(
                    r.loc(), "rego_type_error", "multiple default rules " + path + " found"));
          }
          byPath.computeIfAbsent(path, k -> new ArrayList<>());
        } else {
          byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(cr);
        }
      }
    }
    RuleNode root = new RuleNode();
    Map<String, RuleSet> ruleSets = new LinkedHashMap<>();
    byPath.forEach(
        (path, rules) -> {
          CompiledRule def = defaults.get(path);
          boolean function = functionArity.containsKey(path);
          boolean keyed = rules.stream().anyMatch(r -> !r.keyPath().isEmpty());
          if (keyed && (def != null || rules.stream().anyMatch(r -> r.keyPath().isEmpty()))) {
            errors.add(
                RegoError.at(
                    rules.get(0).loc(), "rego_type_error", "conflicting rules " + path + " found"));
          }
          RuleIndex index =
              rules.size() >= options.indexThreshold() && !function && !keyed
                  ? RuleIndex.build(rules)
                  : null;
          RuleSet rs =
              new RuleSet(
                  path,
                  List.copyOf(segments.get(path)),
                  List.copyOf(rules),
                  def,
                  function,
                  Boolean.TRUE.equals(contains.get(path)),
                  keyed,
                  index);
          ruleSets.put(path, rs);
          RuleNode node = root;
          for (String s : rs.segments()) {
            node = node.childOrCreate(StringValue.of(s));
          }
          node.setRules(rs);
        });
    for (Module m : modules) {
      RuleNode node = root;
      for (String s : m.packagePath()) {
        node = node.childOrCreate(StringValue.of(s));
      }
      node.markPackage();
    }
    RecursionCheck.check(ruleSets, root, errors);
    return new CompiledPolicy(root, Map.copyOf(ruleSets), List.copyOf(modules), builtins);
  }

  private static String staticPath(Module m, Rule r) {
    StringBuilder sb = new StringBuilder("data");
    m.packagePath().forEach(p -> sb.append('.').append(p));
    sb.append('.').append(((Term.Var) r.ref().head()).name());
    for (Term t : r.ref().path()) {
      if (t instanceof Term.Scalar s && s.value() instanceof StringValue str) {
        sb.append('.').append(str.value());
      } else {
        break;
      }
    }
    return sb.toString();
  }

  private CompiledRule compileRule(
      Rule r, Ctx ctx, String path, List<Term> keyPathRaw, List<Term> declaredArgs) {
    Scope scope = new Scope();
    List<Term> args = null;
    List<Term> argsRaw = declaredArgs;
    List<Expr> rawBody = r.body();
    if (declaredArgs != null) {
      // A parameter that is not a plain pattern (a call, reference, template string...) is
      // matched in the body instead, so its variables can be bound there first.
      argsRaw = new ArrayList<>();
      List<Expr> matches = new ArrayList<>();
      for (Term a : declaredArgs) {
        if (isPattern(a)) {
          argsRaw.add(a);
        } else {
          Term.Var v = new Term.Var("$arg" + generated++, a.loc());
          argsRaw.add(v);
          matches.add(
              new Expr(
                  a.loc(),
                  false,
                  new Expr.TermExpr(new Term.Call("eq", List.of(v, a), a.loc())),
                  List.of()));
        }
      }
      if (!matches.isEmpty()) {
        matches.addAll(rawBody);
        rawBody = matches;
      }
      for (Term a : argsRaw) {
        declarePattern(a, scope, ctx, true);
      }
    }
    declareDirect(rawBody, scope, ctx);
    if (argsRaw != null) {
      args = new ArrayList<>();
      for (Term a : argsRaw) {
        args.add(resolve(a, scope, ctx));
      }
    }
    List<Expr> body = resolveBody(rawBody, scope, ctx);
    for (Term t : keyPathRaw) {
      declareTerm(t, scope, ctx);
    }
    if (r.key() != null) {
      declareTerm(r.key(), scope, ctx);
    }
    if (r.value() != null) {
      declareTerm(r.value(), scope, ctx);
    }
    List<Term> keyPath = new ArrayList<>();
    for (Term t : keyPathRaw) {
      keyPath.add(resolve(t, scope, ctx));
    }
    Term key = r.key() == null ? null : resolve(r.key(), scope, ctx);
    Term value =
        r.value() == null
            ? new Term.Scalar(BooleanValue.TRUE, r.loc())
            : resolve(r.value(), scope, ctx);
    BitSet bound = new BitSet();
    if (args != null) {
      for (Term a : args) {
        Safety.locals(a, bound);
      }
    }
    BitSet headVars = new BitSet();
    keyPath.forEach(t -> Safety.locals(t, headVars));
    if (key != null) {
      Safety.locals(key, headVars);
    }
    Safety.locals(value, headVars);
    Safety safety = new Safety(scope.frame(), errors, this::arity);
    List<Expr> ordered = safety.reorder(body, 0, bound, headVars);
    TypeCheck.check(ordered, builtins, errors);
    List<Term> head = new ArrayList<>(keyPath);
    head.add(key);
    head.add(value);
    safety.checkHead(head, 0, bound);
    CompiledRule elseRule = null;
    if (r.elseRule() != null) {
      elseRule = compileRule(r.elseRule(), ctx, path, keyPathRaw, declaredArgs);
    }
    return new CompiledRule(
        path,
        r.loc(),
        r.isDefault(),
        args == null ? null : List.copyOf(args),
        List.copyOf(keyPath),
        key,
        value,
        List.copyOf(ordered),
        scope.frame().size(),
        elseRule,
        r.annotations(),
        List.copyOf(scope.frame().slotNames));
  }

  /** Whether a term can be matched against a value directly: variables, constants, literals. */
  private static boolean isPattern(Term t) {
    return switch (t) {
      case Term.Var v -> true;
      case Term.Scalar s -> true;
      case Term.ArrayTerm a -> a.items().stream().allMatch(Compiler::isPattern);
      case Term.ObjectTerm o ->
          o.entries().stream()
              .allMatch(en -> en.key() instanceof Term.Scalar && isPattern(en.value()));
      default -> false;
    };
  }

  int arity(String name) {
    Integer f = functionArity.get(name);
    if (f != null) {
      return f;
    }
    return builtins.lookup(name).map(b -> b.signature().arity()).orElse(-1);
  }

  // ------------------------------------------------------------------ declarations

  private boolean isGlobal(String name, Ctx ctx) {
    return name.equals("data")
        || name.equals("input")
        || ctx.imports().containsKey(name)
        || ctx.ruleNames().contains(name);
  }

  /** Declares the variables a body binds at its own level, before resolving it. */
  private void declareDirect(List<Expr> body, Scope scope, Ctx ctx) {
    for (int i = 0; i < body.size(); i++) {
      explicitIndex = i;
      declareExplicit(body.get(i), scope, ctx);
    }
    explicitIndex = -1;
    for (Expr e : body) {
      declareImplicit(e, scope, ctx);
    }
  }

  private void declareExplicit(Expr e, Scope scope, Ctx ctx) {
    switch (e.kind()) {
      case Expr.SomeDecl d -> {
        for (Term v : d.vars()) {
          String name = ((Term.Var) v).name();
          if (!scope.declaredHere(name)) {
            scope.declareAt(name, explicitIndex);
          }
        }
      }
      case Expr.SomeIn s -> {
        if (s.key() != null) {
          declarePattern(s.key(), scope, ctx, true);
        }
        declarePattern(s.value(), scope, ctx, true);
      }
      case Expr.TermExpr te -> {
        if (te.term() instanceof Term.Call c && c.name().equals("assign") && c.args().size() == 2) {
          reportReassignment(c.args().get(0), scope);
          declarePattern(c.args().get(0), scope, ctx, true);
        }
      }
      default -> {}
    }
  }

  private void declareImplicit(Expr e, Scope scope, Ctx ctx) {
    switch (e.kind()) {
      case Expr.TermExpr te -> declareTerm(te.term(), scope, ctx);
      case Expr.SomeIn s -> declareTerm(s.domain(), scope, ctx);
      case Expr.Every ev -> declareTerm(ev.domain(), scope, ctx);
      default -> {}
    }
    for (Expr.With w : e.withs()) {
      String name = Term.dottedName(w.value());
      if (name == null || functionTarget(name, ctx) == null) {
        declareTerm(w.value(), scope, ctx);
      }
    }
  }

  /** {@code x := 1; x := 2} is an error: := declares, it never rebinds. */
  private void reportReassignment(Term pattern, Scope scope) {
    switch (pattern) {
      case Term.Var v -> {
        if (!v.isWildcard() && scope.declaredExplicitlyHere(v.name())) {
          errors.add(
              RegoError.at(v.loc(), "rego_compile_error", "var " + v.name() + " assigned above"));
        }
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> reportReassignment(x, scope));
      case Term.ObjectTerm o -> o.entries().forEach(en -> reportReassignment(en.value(), scope));
      default -> {}
    }
  }

  /** Declares variables of a pattern in this scope, shadowing outer ones when {@code fresh}. */
  private void declarePattern(Term t, Scope scope, Ctx ctx, boolean fresh) {
    switch (t) {
      case Term.Var v -> {
        if (v.name().equals("data") || v.name().equals("input")) {
          return;
        }
        if (!scope.declaredHere(v.name()) && (fresh || scope.lookup(v.name()) < 0)) {
          if (fresh && explicitIndex >= 0) {
            scope.declareAt(v.name(), explicitIndex);
          } else {
            scope.declare(v.name());
          }
        }
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> declarePattern(x, scope, ctx, fresh));
      case Term.ObjectTerm o ->
          o.entries().forEach(en -> declarePattern(en.value(), scope, ctx, fresh));
      default -> declareTerm(t, scope, ctx);
    }
  }

  private void declareTerm(Term t, Scope scope, Ctx ctx) {
    switch (t) {
      case Term.Var v -> {
        if (!isGlobal(v.name(), ctx) && scope.lookup(v.name()) < 0) {
          scope.declare(v.name());
        }
      }
      case Term.Ref r -> {
        declareTerm(r.head(), scope, ctx);
        r.path().forEach(p -> declareTerm(p, scope, ctx));
      }
      case Term.ArrayTerm a -> a.items().forEach(x -> declareTerm(x, scope, ctx));
      case Term.SetTerm s -> s.items().forEach(x -> declareTerm(x, scope, ctx));
      case Term.ObjectTerm o ->
          o.entries()
              .forEach(
                  en -> {
                    declareTerm(en.key(), scope, ctx);
                    declareTerm(en.value(), scope, ctx);
                  });
      case Term.Call c -> c.args().forEach(x -> declareTerm(x, scope, ctx));
      default -> {}
    }
  }

  // ------------------------------------------------------------------ resolution

  private List<Expr> resolveBody(List<Expr> raw, Scope scope, Ctx ctx) {
    List<Expr> body = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      scope.current = i;
      body.add(resolveExpr(raw.get(i), scope, ctx));
    }
    scope.current = Integer.MAX_VALUE;
    return body;
  }

  private Expr resolveExpr(Expr e, Scope scope, Ctx ctx) {
    Expr.Kind kind =
        switch (e.kind()) {
          case Expr.TermExpr te -> new Expr.TermExpr(resolve(te.term(), scope, ctx));
          case Expr.SomeDecl d -> {
            List<Term> vars = new ArrayList<>();
            d.vars().forEach(v -> vars.add(resolve(v, scope, ctx)));
            yield new Expr.SomeDecl(vars);
          }
          case Expr.SomeIn s ->
              new Expr.SomeIn(
                  s.key() == null ? null : resolve(s.key(), scope, ctx),
                  resolve(s.value(), scope, ctx),
                  resolve(s.domain(), scope, ctx));
          case Expr.Every ev -> {
            Term domain = resolve(ev.domain(), scope, ctx);
            Scope child = scope.child();
            if (ev.key() != null) {
              declarePattern(ev.key(), child, ctx, true);
            }
            declarePattern(ev.value(), child, ctx, true);
            declareDirect(ev.body(), child, ctx);
            Term key = ev.key() == null ? null : resolve(ev.key(), child, ctx);
            Term value = resolve(ev.value(), child, ctx);
            List<Expr> body = resolveBody(ev.body(), child, ctx);
            BitSet bound = outerBound(child);
            if (key != null) {
              Safety.locals(key, bound);
            }
            Safety.locals(value, bound);
            Safety safety = new Safety(child.frame(), errors, this::arity);
            yield new Expr.Every(
                key, value, domain, safety.reorder(body, child.depth, bound, new BitSet()));
          }
          case Expr.Disjunction d -> {
            List<List<Expr>> alts = new ArrayList<>();
            for (List<Expr> alt : d.alternatives()) {
              alts.add(groupBody(alt, scope, ctx));
            }
            yield new Expr.Disjunction(alts);
          }
          case Expr.Group g -> new Expr.Group(groupBody(g.body(), scope, ctx));
        };
    List<Expr.With> withs = new ArrayList<>();
    for (Expr.With w : e.withs()) {
      withs.add(
          new Expr.With(
              resolveWithTarget(w, scope, ctx), resolveWithValue(w.value(), scope, ctx), w.loc()));
    }
    return new Expr(e.loc(), e.negated(), kind, withs);
  }

  /** A body of experimental and/or or an explicit block: its own scope, evaluated in order. */
  private List<Expr> groupBody(List<Expr> raw, Scope scope, Ctx ctx) {
    Scope child = scope.child();
    declareDirect(raw, child, ctx);
    return resolveBody(raw, child, ctx);
  }

  private BitSet outerBound(Scope child) {
    BitSet bound = new BitSet();
    Scope.Frame f = child.frame();
    for (int i = 0; i < f.size(); i++) {
      if (f.depthOf(i) < child.depth) {
        bound.set(i);
      }
    }
    return bound;
  }

  private Term resolveWithTarget(Expr.With w, Scope scope, Ctx ctx) {
    Term t = w.target();
    String name = Term.dottedName(t);
    if (name != null) {
      String fn = functionTarget(name, ctx);
      if (fn != null) {
        return new Term.Call(fn, List.of(), t.loc());
      }
    }
    Term r = resolveGlobalOnly(t, ctx);
    if (r instanceof Term.Ref ref
        && ref.head() instanceof Term.Var v
        && (v.name().equals("input") || v.name().equals("data"))) {
      for (Term p : ref.path()) {
        if (!(p instanceof Term.Scalar)) {
          errors.add(
              RegoError.at(
                  t.loc(),
                  "rego_compile_error",
                  "with keyword target must be a reference to input, data or a function"));
        }
      }
      return ref;
    }
    errors.add(
        RegoError.at(
            t.loc(),
            "rego_compile_error",
            "with keyword target must reference existing input, data, or a function"));
    return t;
  }

  private Term resolveWithValue(Term v, Scope scope, Ctx ctx) {
    String name = Term.dottedName(v);
    if (name != null && scope.lookup(name.split("\\.")[0]) < 0) {
      String fn = functionTarget(name, ctx);
      if (fn != null) {
        return new Term.Call(fn, List.of(), v.loc());
      }
    }
    return resolve(v, scope, ctx);
  }

  /** The resolved name of a function or builtin the name refers to, or null. */
  private String functionTarget(String name, Ctx ctx) {
    String full = qualify(name, ctx);
    if (full != null && functionArity.containsKey(full)) {
      return full;
    }
    if (full == null && builtins.lookup(name).isPresent()) {
      return name;
    }
    return null;
  }

  private String qualify(String name, Ctx ctx) {
    String[] parts = name.split("\\.", 2);
    String rest = parts.length > 1 ? "." + parts[1] : "";
    if (ctx.imports().containsKey(parts[0])) {
      return String.join(".", ctx.imports().get(parts[0])) + rest;
    }
    if (ctx.ruleNames().contains(parts[0])) {
      StringBuilder sb = new StringBuilder("data");
      ctx.pkg().forEach(p -> sb.append('.').append(p));
      return sb + "." + name;
    }
    if (parts[0].equals("data")) {
      return name;
    }
    return null;
  }

  private Term resolveGlobalOnly(Term t, Ctx ctx) {
    Scope empty = new Scope();
    return resolve(t, empty, ctx);
  }

  private Term resolve(Term t, Scope scope, Ctx ctx) {
    return switch (t) {
      case Term.Scalar s -> s;
      case Term.Local l -> l;
      case Term.Var v -> resolveVar(v, scope, ctx);
      case Term.Ref r -> {
        Term head = resolve(r.head(), scope, ctx);
        List<Term> path = new ArrayList<>();
        if (head instanceof Term.Ref hr) {
          path.addAll(hr.path());
          head = hr.head();
        }
        for (Term p : r.path()) {
          path.add(resolve(p, scope, ctx));
        }
        yield new Term.Ref(head, path, r.loc());
      }
      case Term.ArrayTerm a -> new Term.ArrayTerm(resolveAll(a.items(), scope, ctx), a.loc());
      case Term.SetTerm s -> new Term.SetTerm(resolveAll(s.items(), scope, ctx), s.loc());
      case Term.ObjectTerm o -> {
        List<Term.Entry> entries = new ArrayList<>();
        for (Term.Entry en : o.entries()) {
          entries.add(
              new Term.Entry(resolve(en.key(), scope, ctx), resolve(en.value(), scope, ctx)));
        }
        yield new Term.ObjectTerm(entries, o.loc());
      }
      case Term.Call c -> resolveCall(c, scope, ctx);
      case Term.ArrayCompr c -> {
        Scope child = scope.child();
        List<Expr> body = comprehensionBody(c.body(), child, ctx, List.of(c.head()));
        Term head = resolve(c.head(), child, ctx);
        yield new Term.ArrayCompr(head, orderComprehension(child, body, List.of(head)), c.loc());
      }
      case Term.SetCompr c -> {
        Scope child = scope.child();
        List<Expr> body = comprehensionBody(c.body(), child, ctx, List.of(c.head()));
        Term head = resolve(c.head(), child, ctx);
        yield new Term.SetCompr(head, orderComprehension(child, body, List.of(head)), c.loc());
      }
      case Term.ObjectCompr c -> {
        Scope child = scope.child();
        List<Expr> body = comprehensionBody(c.body(), child, ctx, List.of(c.key(), c.value()));
        Term key = resolve(c.key(), child, ctx);
        Term value = resolve(c.value(), child, ctx);
        yield new Term.ObjectCompr(
            key, value, orderComprehension(child, body, List.of(key, value)), c.loc());
      }
    };
  }

  private List<Expr> comprehensionBody(List<Expr> raw, Scope child, Ctx ctx, List<Term> head) {
    declareDirect(raw, child, ctx);
    for (Term h : head) {
      declareTerm(h, child, ctx);
    }
    return resolveBody(raw, child, ctx);
  }

  /** A comprehension body in safe order; its head variables must be bound by it. */
  private List<Expr> orderComprehension(Scope child, List<Expr> body, List<Term> head) {
    BitSet bound = outerBound(child);
    BitSet headVars = new BitSet();
    head.forEach(h -> Safety.locals(h, headVars));
    Safety safety = new Safety(child.frame(), errors, this::arity);
    List<Expr> ordered = safety.reorder(body, child.depth, bound, headVars);
    safety.checkHead(head, child.depth, bound);
    return List.copyOf(ordered);
  }

  private List<Term> resolveAll(List<Term> items, Scope scope, Ctx ctx) {
    List<Term> out = new ArrayList<>(items.size());
    items.forEach(i -> out.add(resolve(i, scope, ctx)));
    return out;
  }

  private Term resolveVar(Term.Var v, Scope scope, Ctx ctx) {
    int slot = scope.lookup(v.name());
    if (slot >= 0) {
      return new Term.Local(slot, v.name(), v.loc());
    }
    if (v.name().equals("data") || v.name().equals("input")) {
      return new Term.Ref(v, List.of(), v.loc());
    }
    List<String> imp = ctx.imports().get(v.name());
    if (imp != null) {
      List<Term> path = new ArrayList<>();
      for (int i = 1; i < imp.size(); i++) {
        path.add(new Term.Scalar(StringValue.of(imp.get(i)), v.loc()));
      }
      return new Term.Ref(new Term.Var(imp.get(0), v.loc()), path, v.loc());
    }
    if (ctx.ruleNames().contains(v.name())) {
      List<Term> path = new ArrayList<>();
      ctx.pkg().forEach(p -> path.add(new Term.Scalar(StringValue.of(p), v.loc())));
      path.add(new Term.Scalar(StringValue.of(v.name()), v.loc()));
      return new Term.Ref(new Term.Var("data", v.loc()), path, v.loc());
    }
    return new Term.Local(scope.declare(v.name()), v.name(), v.loc());
  }

  private Term resolveCall(Term.Call c, Scope scope, Ctx ctx) {
    if (c.name().equals("print")) {
      List<Term> wrapped = new ArrayList<>();
      for (Term a : c.args()) {
        Term.Var tmp = new Term.Var("$print" + generated++, a.loc());
        Expr eq =
            new Expr(
                a.loc(),
                false,
                new Expr.TermExpr(new Term.Call("eq", List.of(tmp, a), a.loc())),
                List.of());
        wrapped.add(new Term.SetCompr(tmp, List.of(eq), a.loc()));
      }
      return resolve(
          new Term.Call("internal.print", List.of(new Term.ArrayTerm(wrapped, c.loc())), c.loc()),
          scope,
          ctx);
    }
    String first = c.name().split("\\.", 2)[0];
    String name = c.name();
    List<Term> args = resolveAll(c.args(), scope, ctx);
    if (scope.lookup(first) >= 0) {
      throw new RegoException(c.loc(), "rego_type_error", "undefined function " + name);
    }
    String full = qualify(name, ctx);
    if (full != null) {
      Integer arity = functionArity.get(full);
      if (arity == null) {
        throw new RegoException(c.loc(), "rego_type_error", "undefined function " + full);
      }
      if (args.size() != arity && args.size() != arity + 1) {
        throw new RegoException(
            c.loc(),
            "rego_type_error",
            "function " + full + " has arity " + arity + ", got " + args.size() + " arguments");
      }
      return new Term.Call(full, args, c.loc());
    }
    Builtin b = builtins.lookup(name).orElse(null);
    if (b == null) {
      throw new RegoException(c.loc(), "rego_type_error", "undefined function " + name);
    }
    checkBuiltinArgs(b, args, c.loc());
    return new Term.Call(name, args, c.loc());
  }

  private void checkBuiltinArgs(Builtin b, List<Term> args, Location loc) {
    Type.FunctionType sig = b.signature();
    int n = args.size();
    boolean ok =
        sig.variadic() != null
            ? n >= sig.arity()
            : n == sig.arity() || (n == sig.arity() + 1 && sig.result() != null);
    if (!ok) {
      String msg = n < sig.arity() ? "too few arguments" : "too many arguments";
      throw new RegoException(loc, "rego_type_error", b.name() + ": arity mismatch: " + msg);
    }
    for (int i = 0; i < Math.min(n, sig.arity()); i++) {
      ValueKind kind = TypeCheck.literalKind(args.get(i));
      if (kind != null && !TypeCheck.accepts(sig.args().get(i), kind)) {
        throw new RegoException(
            args.get(i).loc(), "rego_type_error", TypeCheck.invalidOperand(b, i, kind));
      }
    }
  }
}
