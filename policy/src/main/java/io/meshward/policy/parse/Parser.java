package io.meshward.policy.parse;

import io.meshward.policy.ast.Annotations;
import io.meshward.policy.ast.Expr;
import io.meshward.policy.ast.Location;
import io.meshward.policy.ast.Module;
import io.meshward.policy.ast.Rule;
import io.meshward.policy.ast.Term;
import io.meshward.policy.rego.RegoException;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A recursive-descent parser for Rego v1 modules, queries and terms. */
public final class Parser {

  private static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "contains",
          "in",
          "some",
          "every",
          "not",
          "with",
          "as",
          "else",
          "default",
          "import",
          "package");

  private static final Map<String, String> RELATIONS =
      Map.of("==", "equal", "!=", "neq", "<", "lt", "<=", "lte", ">", "gt", ">=", "gte");

  private final String file;
  private final List<Token> tokens;
  private final ParseOptions options;
  private final int[] wildcards;
  private int pos;

  /** How many brackets/parentheses enclose the current position; newlines matter only at 0. */
  private int nest;

  /** Set while parsing a comprehension head, where '|' starts the body instead of a union. */
  private boolean stopAtBar;

  private Parser(String file, List<Token> tokens, ParseOptions options, int[] wildcards) {
    this.file = file;
    this.tokens = tokens;
    this.options = options;
    this.wildcards = wildcards;
  }

  /** Parses one module. */
  public static Module parseModule(String file, String source, ParseOptions options) {
    Lexer lexer = new Lexer(file, source);
    List<Token> tokens = lexer.tokenize();
    Parser p = new Parser(file, tokens, options, new int[1]);
    return p.module(Metadata.blocks(lexer.comments()));
  }

  /** Parses a query: literals separated by semicolons or newlines. */
  public static List<Expr> parseQuery(String file, String source, ParseOptions options) {
    Parser p = new Parser(file, new Lexer(file, source).tokenize(), options, new int[] {100000});
    List<Expr> body = p.literals(TokenType.EOF, null);
    if (body.isEmpty()) {
      throw new RegoException(new Location(file, 1, 1), "rego_parse_error", "empty query");
    }
    return body;
  }

  /** Parses a single term, such as an {@code input_term}. */
  public static Term parseTerm(String file, String source) {
    Parser p =
        new Parser(file, new Lexer(file, source).tokenize(), ParseOptions.DEFAULT, new int[1]);
    Term t = p.termIn();
    p.expectEof();
    return t;
  }

  // ---------------------------------------------------------------- modules

  private Module module(List<Metadata.Block> blocks) {
    List<Metadata.Block> pending = new ArrayList<>(blocks);
    Token pkg = peek();
    if (!pkg.isIdent("package")) {
      throw error(pkg.loc(), "package expected");
    }
    List<Annotations> pkgAnnotations = new ArrayList<>();
    for (Annotations a : take(pending, pkg.loc().row())) {
      pkgAnnotations.add(a.scope() == null ? new Annotations("package", a.value(), a.loc()) : a);
    }
    advance();
    Term pkgRef = primaryWithPostfix();
    List<String> path = new ArrayList<>();
    for (Term t : refParts(pkgRef)) {
      if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue str)) {
        throw error(pkgRef.loc(), "package path must contain only strings");
      }
      path.add(str.value());
    }
    if (!path.isEmpty() && path.get(0).equals("data")) {
      path.remove(0);
    }
    List<Module.Import> imports = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    while (!peek().is(TokenType.EOF)) {
      Token t = peek();
      if (!t.newlineBefore()) {
        throw error(t.loc(), "unexpected " + describe(t) + ": expected a new line");
      }
      if (t.isIdent("import") && !usedAsName(0)) {
        imports.add(importDecl());
        continue;
      }
      List<Annotations> ann = take(pending, t.loc().row());
      Annotations ruleAnn = null;
      for (Annotations a : ann) {
        if ("package".equals(a.scope()) || "subpackages".equals(a.scope())) {
          pkgAnnotations.add(a);
        } else {
          ruleAnn = a.scope() == null ? new Annotations("rule", a.value(), a.loc()) : a;
        }
      }
      rules.add(rule(ruleAnn));
    }
    return new Module(file, pkg.loc(), path, imports, rules, pkgAnnotations);
  }

  private static List<Annotations> take(List<Metadata.Block> pending, int row) {
    List<Annotations> out = new ArrayList<>();
    pending.removeIf(
        b -> {
          if (b.endRow() < row) {
            out.add(b.annotations());
            return true;
          }
          return false;
        });
    return out;
  }

  private Module.Import importDecl() {
    Token start = advance();
    Term ref = primaryWithPostfix();
    List<String> path = new ArrayList<>();
    for (Term t : refParts(ref)) {
      if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue str)) {
        throw error(ref.loc(), "import path must contain only strings");
      }
      path.add(str.value());
    }
    String root = path.get(0);
    if (!Set.of("data", "input", "future", "rego").contains(root)) {
      throw error(
          ref.loc(),
          "invalid import path, must begin with input or data: " + String.join(".", path));
    }
    String alias = null;
    if (peek().isIdent("as") && !peek().newlineBefore()) {
      advance();
      Token a = advance();
      if (!a.is(TokenType.IDENT)) {
        throw error(a.loc(), "import alias must be a name");
      }
      alias = a.text();
    }
    return new Module.Import(List.copyOf(path), alias, start.loc());
  }

  /** The head term and path of a reference, each path element a term; the head as a string. */
  private static List<Term> refParts(Term t) {
    List<Term> out = new ArrayList<>();
    if (t instanceof Term.Var v) {
      out.add(new Term.Scalar(StringValue.of(v.name()), v.loc()));
    } else if (t instanceof Term.Ref r && r.head() instanceof Term.Var v) {
      out.add(new Term.Scalar(StringValue.of(v.name()), v.loc()));
      out.addAll(r.path());
    } else {
      out.add(t);
    }
    return out;
  }

  private Rule rule(Annotations annotations) {
    Token first = peek();
    boolean isDefault = false;
    if (first.isIdent("default")
        && tokens.get(pos + 1).is(TokenType.IDENT)
        && !tokens.get(pos + 1).newlineBefore()) {
      isDefault = true;
      advance();
    }
    Token nameTok = peek();
    if (!nameTok.is(TokenType.IDENT) || (KEYWORDS.contains(nameTok.text()) && !usedAsName(0))) {
      throw error(nameTok.loc(), "unexpected " + describe(nameTok) + ": expected a rule");
    }
    Term head;
    if (usedAsName(0)) {
      advance();
      head = postfix(new Term.Var(nameTok.text(), nameTok.loc()));
    } else {
      head = primaryWithPostfix();
    }
    List<Term> args = null;
    if (head instanceof Term.Call c) {
      args = c.args();
      head = callRef(c);
    }
    Term.Ref ref =
        head instanceof Term.Ref r
            ? r
            : head instanceof Term.Var v ? new Term.Ref(v, List.of(), v.loc()) : null;
    if (ref == null || !(ref.head() instanceof Term.Var)) {
      throw error(nameTok.loc(), "invalid rule head");
    }
    Term key = null;
    Term value = null;
    boolean assign = false;
    if (isDefault) {
      Token op = advance();
      if (!op.isOp(":=") && !op.isOp("=")) {
        throw error(op.loc(), "default rules must use := or = to assign a value");
      }
      assign = op.isOp(":=");
      value = termIn();
      return new Rule(
          first.loc(), true, ref, args, null, value, assign, List.of(), null, annotations);
    }
    if (peek().isIdent("contains") && !peek().newlineBefore()) {
      advance();
      key = termIn();
    } else if ((peek().isOp(":=") || peek().isOp("=")) && !peek().newlineBefore()) {
      assign = advance().isOp(":=");
      value = termIn();
    }
    List<Expr> body = List.of();
    boolean hasBody = false;
    if (peek().isIdent("if") && !peek().newlineBefore()) {
      advance();
      body = ruleBody();
      hasBody = true;
    } else if (peek().isOp("{") && !peek().newlineBefore()) {
      throw error(peek().loc(), "`if` keyword is required before rule body");
    }
    if (!hasBody && key == null && value == null && args == null && ref.path().isEmpty()) {
      if (!peek().isIdent("else") || usedAsName(0)) {
        throw error(
            nameTok.loc(),
            "rule must have a value or a body: write `"
                + ((Term.Var) ref.head()).name()
                + " if { ... }` or `"
                + ((Term.Var) ref.head()).name()
                + " := <value>`");
      }
    }
    Rule elseRule = elseChain(args);
    return new Rule(first.loc(), false, ref, args, key, value, assign, body, elseRule, annotations);
  }

  private Rule elseChain(List<Term> args) {
    if (!peek().isIdent("else") || usedAsName(0)) {
      return null;
    }
    Token e = advance();
    Term value = null;
    boolean assign = false;
    if (peek().isOp(":=") || peek().isOp("=")) {
      assign = advance().isOp(":=");
      value = termIn();
    }
    List<Expr> body = List.of();
    if (peek().isIdent("if")) {
      advance();
      body = ruleBody();
    } else if (peek().isOp("{")) {
      throw error(peek().loc(), "`if` keyword is required before rule body");
    }
    Rule next = elseChain(args);
    return new Rule(e.loc(), false, null, args, null, value, assign, body, next, null);
  }

  private List<Expr> ruleBody() {
    if (peek().isOp("{")) {
      int save = pos;
      int savedWildcards = wildcards[0];
      try {
        return blockBody();
      } catch (RegoException e) {
        // `if {x: 1 | ...}` is a single literal (a comprehension), not a block.
        pos = save;
        wildcards[0] = savedWildcards;
        try {
          return List.of(literal());
        } catch (RegoException ignored) {
          throw e;
        }
      }
    }
    return List.of(literal());
  }

  private List<Expr> blockBody() {
    Token open = advance();
    int saved = nest;
    nest = 0;
    try {
      List<Expr> body = literals(null, "}");
      if (body.isEmpty()) {
        throw error(open.loc(), "rule body must not be empty");
      }
      return body;
    } finally {
      nest = saved;
    }
  }

  private Term.Ref callRef(Term.Call c) {
    String[] parts = c.name().split("\\.");
    List<Term> path = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      path.add(new Term.Scalar(StringValue.of(parts[i]), c.loc()));
    }
    return new Term.Ref(new Term.Var(parts[0], c.loc()), path, c.loc());
  }

  // ---------------------------------------------------------------- bodies

  /** Literals until {@code closeOp} (consumed) or EOF, separated by ';' or newlines. */
  private List<Expr> literals(TokenType closeType, String closeOp) {
    List<Expr> out = new ArrayList<>();
    boolean first = true;
    boolean separated = false;
    while (true) {
      Token t = peek();
      if (closeOp != null && t.isOp(closeOp)) {
        advance();
        return out;
      }
      if (t.is(TokenType.EOF)) {
        if (closeType == TokenType.EOF) {
          return out;
        }
        throw error(t.loc(), "unexpected end of input: missing '" + closeOp + "'");
      }
      if (!first && !separated) {
        if (t.isOp(";")) {
          advance();
          separated = true;
          continue;
        }
        if (!t.newlineBefore()) {
          throw error(t.loc(), "unexpected " + describe(t) + ": expected ';' or a new line");
        }
      }
      out.add(literal());
      first = false;
      separated = false;
    }
  }

  private Expr literal() {
    Expr e = andLiteral();
    if (!options.experimentalKeywords() || !peek().isIdent("or")) {
      return e;
    }
    List<List<Expr>> alts = new ArrayList<>();
    alts.add(List.of(e));
    while (peek().isIdent("or")) {
      advance();
      alts.add(List.of(andLiteral()));
    }
    Expr or = new Expr(e.loc(), false, new Expr.Disjunction(alts), List.of());
    return withs(or);
  }

  private Expr andLiteral() {
    Expr e = operand();
    if (!options.experimentalKeywords() || !peek().isIdent("and")) {
      return e;
    }
    List<Expr> all = new ArrayList<>();
    all.add(e);
    while (peek().isIdent("and")) {
      advance();
      all.add(operand());
    }
    return new Expr(e.loc(), false, new Expr.Group(all), List.of());
  }

  /** Whether a keyword token starts a reference ({@code as.foo}, {@code contains(x, y)}). */
  private boolean usedAsName(int at) {
    Token next = peekAt(at + 1);
    return !next.spaceBefore() && (next.isOp(".") || next.isOp("(") || next.isOp("["));
  }

  private Expr simpleLiteral() {
    Token t = peek();
    if ((t.isIdent("some") || t.isIdent("every") || t.isIdent("not")) && usedAsName(0)) {
      return withs(new Expr(t.loc(), false, new Expr.TermExpr(keyValIn(termIn())), List.of()));
    }
    if (t.isIdent("some")) {
      advance();
      return someLiteral(t.loc());
    }
    if (t.isIdent("every")) {
      advance();
      return everyLiteral(t.loc());
    }
    if (t.isIdent("not")) {
      advance();
      if (peek().isOp("{")) {
        Token open = advance();
        int saved = nest;
        nest = 0;
        List<Expr> body = literals(null, "}");
        nest = saved;
        return withs(new Expr(t.loc(), true, new Expr.Group(body), List.of()));
      }
      Expr inner = simpleLiteral();
      if (inner.negated()) {
        throw error(t.loc(), "unexpected not keyword: double negation is not allowed");
      }
      return new Expr(t.loc(), true, inner.kind(), inner.withs());
    }
    if (options.experimentalKeywords() && t.isOp("{") && looksLikeBody()) {
      return operand();
    }
    if (options.experimentalKeywords() && t.isOp("(") && parenthesisedLiteral()) {
      advance();
      nest++;
      Expr inner = literal();
      nest--;
      expectOp(")");
      return withs(new Expr(t.loc(), false, new Expr.Group(List.of(inner)), List.of()));
    }
    Term term = keyValIn(termIn());
    if ((peek().isOp("=") || peek().isOp(":=")) && !peek().newlineBefore()) {
      Token op = advance();
      Term rhs = termIn();
      term = new Term.Call(op.isOp(":=") ? "assign" : "eq", List.of(term, rhs), op.loc());
      return withs(new Expr(op.loc(), false, new Expr.TermExpr(term), List.of()));
    }
    return withs(new Expr(term.loc(), false, new Expr.TermExpr(term), List.of()));
  }

  /** An operand of experimental and/or: an explicit body in braces, or a literal. */
  private Expr operand() {
    Token t = peek();
    if (options.experimentalKeywords() && t.isOp("{") && looksLikeBody()) {
      advance();
      int saved = nest;
      boolean savedBar = stopAtBar;
      nest = 0;
      stopAtBar = false;
      List<Expr> body = literals(null, "}");
      nest = saved;
      stopAtBar = savedBar;
      return withs(new Expr(t.loc(), false, new Expr.Group(body), List.of()));
    }
    return simpleLiteral();
  }

  /**
   * Whether '{' at the cursor opens a body rather than a set or object: its braces are followed by
   * and/or, or it holds literal-only syntax (';', ':=', '=', some, not, every, and/or).
   */
  private boolean looksLikeBody() {
    int depth = 0;
    for (int i = pos; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("{") || t.isOp("[") || t.isOp("(")) {
        depth++;
      } else if (t.isOp("}") || t.isOp("]") || t.isOp(")")) {
        depth--;
        if (depth == 0) {
          Token after = tokens.get(i + 1);
          return after.isIdent("and") || after.isIdent("or");
        }
      } else if (depth == 1
          && (t.isOp(";")
              || t.isOp(":=")
              || t.isOp("=")
              || t.isIdent("some")
              || t.isIdent("not")
              || t.isIdent("every")
              || t.isIdent("or")
              || t.isIdent("and")
              || (t.newlineBefore() && i > pos + 1))) {
        return true;
      } else if (t.is(TokenType.EOF)) {
        return false;
      }
    }
    return false;
  }

  /** {@code k, v in xs} after its first term, when the tokens continue that way. */
  private Term keyValIn(Term first) {
    if (!peek().isOp(",")) {
      return first;
    }
    int save = pos;
    advance();
    Term v = termRelation();
    if (!peek().isIdent("in")) {
      pos = save;
      return first;
    }
    advance();
    Term t = new Term.Call("internal.member_3", List.of(first, v, termRelation()), first.loc());
    while (peek().isIdent("in") && continues(peek())) {
      Token op = advance();
      t = new Term.Call("internal.member_2", List.of(t, termRelation()), op.loc());
    }
    return t;
  }

  /**
   * Whether '(' at the cursor encloses a whole literal: and/or/with/not appears inside it with only
   * parentheses around.
   */
  private boolean parenthesisedLiteral() {
    java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
    for (int i = pos; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("{") || t.isOp("[") || t.isOp("(")) {
        open.push(t.text());
      } else if (t.isOp("}") || t.isOp("]") || t.isOp(")")) {
        open.pop();
        if (open.isEmpty()) {
          return false;
        }
      } else if ((t.isIdent("or") || t.isIdent("and") || t.isIdent("with") || t.isIdent("not"))
          && open.stream().allMatch("("::equals)) {
        return true;
      } else if (t.is(TokenType.EOF)) {
        return false;
      }
    }
    return false;
  }

  private Expr withs(Expr e) {
    List<Expr.With> withs = new ArrayList<>(e.withs());
    while (peek().isIdent("with") && !usedAsName(0)) {
      Token w = advance();
      Term target = primaryWithPostfix();
      if (!peek().isIdent("as")) {
        throw error(peek().loc(), "expected `as` after with target");
      }
      advance();
      Term value = termIn();
      withs.add(new Expr.With(target, value, w.loc()));
    }
    return withs.size() == e.withs().size() ? e : new Expr(e.loc(), e.negated(), e.kind(), withs);
  }

  private Expr someLiteral(Location loc) {
    List<Term> terms = new ArrayList<>();
    terms.add(termRelation());
    while (peek().isOp(",")) {
      advance();
      terms.add(termRelation());
    }
    if (peek().isIdent("in")) {
      advance();
      if (terms.size() > 2) {
        throw error(loc, "unexpected in keyword: expected at most two variables");
      }
      Term domain = termRelation();
      Expr.SomeIn in =
          terms.size() == 2
              ? new Expr.SomeIn(terms.get(0), terms.get(1), domain)
              : new Expr.SomeIn(null, terms.get(0), domain);
      return withs(new Expr(loc, false, in, List.of()));
    }
    for (Term t : terms) {
      if (!(t instanceof Term.Var)) {
        throw error(t.loc(), "expected var in some declaration");
      }
    }
    return new Expr(loc, false, new Expr.SomeDecl(terms), List.of());
  }

  private Expr everyLiteral(Location loc) {
    Term a = termRelation();
    Term b = null;
    if (peek().isOp(",")) {
      advance();
      b = termRelation();
    }
    if (!peek().isIdent("in")) {
      throw error(peek().loc(), "expected `in` in every expression");
    }
    advance();
    Term domain = termRelation();
    Token open = peek();
    if (!open.isOp("{")) {
      throw error(open.loc(), "expected `{` to start the body of every");
    }
    advance();
    int saved = nest;
    nest = 0;
    List<Expr> body = literals(null, "}");
    nest = saved;
    Expr.Every every =
        b == null ? new Expr.Every(null, a, domain, body) : new Expr.Every(a, b, domain, body);
    return withs(new Expr(loc, false, every, List.of()));
  }

  // ---------------------------------------------------------------- terms

  private boolean continues(Token t) {
    return nest > 0 || !t.newlineBefore();
  }

  private Term termIn() {
    Term lhs = termRelation();
    while (peek().isIdent("in") && continues(peek())) {
      Token op = advance();
      Term rhs = termRelation();
      lhs = new Term.Call("internal.member_2", List.of(lhs, rhs), op.loc());
    }
    return lhs;
  }

  private Term termRelation() {
    Term lhs = termUnion();
    while (peek().is(TokenType.OP) && RELATIONS.containsKey(peek().text()) && continues(peek())) {
      Token op = advance();
      Term rhs = termUnion();
      lhs = new Term.Call(RELATIONS.get(op.text()), List.of(lhs, rhs), op.loc());
    }
    return lhs;
  }

  private Term termUnion() {
    Term lhs = termIntersection();
    while (peek().isOp("|") && !stopAtBar && continues(peek())) {
      Token op = advance();
      lhs = new Term.Call("or", List.of(lhs, termIntersection()), op.loc());
    }
    return lhs;
  }

  private Term termIntersection() {
    Term lhs = termArith();
    while (peek().isOp("&") && continues(peek())) {
      Token op = advance();
      lhs = new Term.Call("and", List.of(lhs, termArith()), op.loc());
    }
    return lhs;
  }

  private Term termArith() {
    Term lhs = termFactor();
    while ((peek().isOp("+") || peek().isOp("-")) && continues(peek())) {
      Token op = advance();
      lhs = new Term.Call(op.isOp("+") ? "plus" : "minus", List.of(lhs, termFactor()), op.loc());
    }
    return lhs;
  }

  private Term termFactor() {
    Term lhs = termUnary();
    while ((peek().isOp("*") || peek().isOp("/") || peek().isOp("%")) && continues(peek())) {
      Token op = advance();
      String name = op.isOp("*") ? "mul" : op.isOp("/") ? "div" : "rem";
      lhs = new Term.Call(name, List.of(lhs, termUnary()), op.loc());
    }
    return lhs;
  }

  private Term termUnary() {
    Token t = peek();
    if (t.isOp("-")) {
      advance();
      Token n = peek();
      if (n.is(TokenType.NUMBER) && !n.spaceBefore()) {
        advance();
        return postfix(new Term.Scalar(NumberValue.parse("-" + n.text()), t.loc()));
      }
      Term operand = termUnary();
      return new Term.Call(
          "minus", List.of(new Term.Scalar(NumberValue.ZERO, t.loc()), operand), t.loc());
    }
    return primaryWithPostfix();
  }

  private Term primaryWithPostfix() {
    return postfix(primary());
  }

  private Term primary() {
    Token t = advance();
    switch (t.type()) {
      case NUMBER:
        return new Term.Scalar(NumberValue.parse(t.text()), t.loc());
      case STRING:
        return new Term.Scalar(StringValue.of(t.text()), t.loc());
      case TEMPLATE:
        return template(t);
      case IDENT:
        if (usedAsName(-1) && !t.text().equals("set")) {
          return new Term.Var(t.text(), t.loc());
        }
        switch (t.text()) {
          case "true":
            return new Term.Scalar(BooleanValue.TRUE, t.loc());
          case "false":
            return new Term.Scalar(BooleanValue.FALSE, t.loc());
          case "null":
            return new Term.Scalar(NullValue.INSTANCE, t.loc());
          case "_":
            return new Term.Var("$" + wildcards[0]++, t.loc());
          case "set":
            if (peek().isOp("(") && !peek().spaceBefore() && peekAt(1).isOp(")")) {
              advance();
              advance();
              return new Term.SetTerm(List.of(), t.loc());
            }
            return new Term.Var(t.text(), t.loc());
          default:
            if (KEYWORDS.contains(t.text()) && !usedAsName(-1)) {
              throw error(t.loc(), "unexpected " + t.text() + " keyword");
            }
            if (options.experimentalKeywords()
                && (t.text().equals("or") || t.text().equals("and"))) {
              throw error(t.loc(), "unexpected " + t.text() + " keyword");
            }
            return new Term.Var(t.text(), t.loc());
        }
      case OP:
        return switch (t.text()) {
          case "[" -> arrayOrComprehension(t);
          case "{" -> braceTerm(t);
          case "(" -> {
            nest++;
            boolean savedBar = stopAtBar;
            stopAtBar = false;
            Term inner = keyValIn(termIn());
            stopAtBar = savedBar;
            nest--;
            expectOp(")");
            yield inner;
          }
          default -> throw error(t.loc(), "unexpected " + describe(t));
        };
      default:
        throw error(t.loc(), "unexpected " + describe(t));
    }
  }

  private Term postfix(Term term) {
    while (true) {
      Token t = peek();
      if (t.spaceBefore()) {
        return term;
      }
      if (t.isOp(".")) {
        advance();
        Token name = advance();
        if (!name.is(TokenType.IDENT)) {
          throw error(
              name.loc(),
              "unexpected "
                  + (name.is(TokenType.EOF) ? "eof token" : describe(name))
                  + ": expected ident");
        }
        term = extend(term, new Term.Scalar(StringValue.of(name.text()), name.loc()));
      } else if (t.isOp("[")) {
        advance();
        nest++;
        boolean savedBar = stopAtBar;
        stopAtBar = false;
        Term key = termIn();
        stopAtBar = savedBar;
        nest--;
        expectOp("]");
        term = extend(term, key);
      } else if (t.isOp("(")) {
        String name = callName(term);
        if (name == null) {
          return term;
        }
        advance();
        nest++;
        boolean savedBar = stopAtBar;
        stopAtBar = false;
        List<Term> args = new ArrayList<>();
        while (!peek().isOp(")")) {
          args.add(termIn());
          if (peek().isOp(",")) {
            advance();
          } else if (!peek().isOp(")")) {
            throw error(peek().loc(), "unexpected " + describe(peek()) + " in call arguments");
          }
        }
        nest--;
        stopAtBar = savedBar;
        advance();
        term = new Term.Call(name, args, term.loc());
      } else {
        return term;
      }
    }
  }

  private static String callName(Term t) {
    return t instanceof Term.Var v && v.isWildcard() ? null : Term.dottedName(t);
  }

  private static Term extend(Term term, Term element) {
    if (term instanceof Term.Ref r) {
      List<Term> path = new ArrayList<>(r.path());
      path.add(element);
      return new Term.Ref(r.head(), path, r.loc());
    }
    return new Term.Ref(term, List.of(element), term.loc());
  }

  private Term arrayOrComprehension(Token open) {
    nest++;
    if (peek().isOp("]")) {
      advance();
      nest--;
      return new Term.ArrayTerm(List.of(), open.loc());
    }
    Term first = headTerm();
    if (peek().isOp("|")) {
      advance();
      List<Expr> body = comprehensionBody("]");
      nest--;
      return new Term.ArrayCompr(first, body, open.loc());
    }
    List<Term> items = new ArrayList<>();
    items.add(first);
    collectItems(items, "]");
    nest--;
    return new Term.ArrayTerm(items, open.loc());
  }

  /** The first term of a collection literal, which may turn out to be a comprehension head. */
  private Term headTerm() {
    boolean saved = stopAtBar;
    stopAtBar = true;
    try {
      return termIn();
    } finally {
      stopAtBar = saved;
    }
  }

  private List<Expr> comprehensionBody(String close) {
    int saved = nest;
    boolean savedBar = stopAtBar;
    nest = 0;
    stopAtBar = false;
    List<Expr> body = literals(null, close);
    nest = saved;
    stopAtBar = savedBar;
    if (body.isEmpty()) {
      throw error(peek().loc(), "comprehension body must not be empty");
    }
    return body;
  }

  private void collectItems(List<Term> items, String close) {
    while (true) {
      Token t = advance();
      if (t.isOp(close)) {
        return;
      }
      if (!t.isOp(",")) {
        throw error(t.loc(), "unexpected " + describe(t) + ": expected ',' or '" + close + "'");
      }
      if (peek().isOp(close)) {
        advance();
        return;
      }
      items.add(termIn());
    }
  }

  private Term braceTerm(Token open) {
    nest++;
    try {
      if (peek().isOp("}")) {
        advance();
        return new Term.ObjectTerm(List.of(), open.loc());
      }
      Term first = headTerm();
      if (peek().isOp(":")) {
        advance();
        Term value = headTerm();
        if (peek().isOp("|")) {
          advance();
          return new Term.ObjectCompr(first, value, comprehensionBody("}"), open.loc());
        }
        List<Term.Entry> entries = new ArrayList<>();
        entries.add(new Term.Entry(first, value));
        while (true) {
          Token t = advance();
          if (t.isOp("}")) {
            break;
          }
          if (!t.isOp(",")) {
            throw error(t.loc(), "unexpected " + describe(t) + ": expected ',' or '}'");
          }
          if (peek().isOp("}")) {
            advance();
            break;
          }
          Term k = termIn();
          expectOp(":");
          entries.add(new Term.Entry(k, termIn()));
        }
        return new Term.ObjectTerm(entries, open.loc());
      }
      if (peek().isOp("|")) {
        advance();
        return new Term.SetCompr(first, comprehensionBody("}"), open.loc());
      }
      List<Term> items = new ArrayList<>();
      items.add(first);
      collectItems(items, "}");
      return new Term.SetTerm(items, open.loc());
    } finally {
      nest--;
    }
  }

  private Term template(Token t) {
    List<Term> parts = new ArrayList<>();
    for (Object part : t.parts()) {
      if (part instanceof String s) {
        parts.add(new Term.Scalar(StringValue.of(s), t.loc()));
      } else {
        Token.Embedded e = (Token.Embedded) part;
        Lexer lexer = new Lexer(file, e.source(), e.loc().row() - 1, e.loc().col() - 1);
        Parser sub = new Parser(file, lexer.tokenize(), options, wildcards);
        sub.nest = 1;
        Term inner = sub.termIn();
        Term.Var tmp = new Term.Var("$" + wildcards[0]++, e.loc());
        Expr eq =
            sub.withs(
                new Expr(
                    e.loc(),
                    false,
                    new Expr.TermExpr(new Term.Call("eq", List.of(tmp, inner), e.loc())),
                    List.of()));
        sub.expectEof();
        parts.add(new Term.SetCompr(tmp, List.of(eq), e.loc()));
      }
    }
    return new Term.Call(
        "internal.template_string", List.of(new Term.ArrayTerm(parts, t.loc())), t.loc());
  }

  // ---------------------------------------------------------------- helpers

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peekAt(int n) {
    return tokens.get(Math.min(pos + n, tokens.size() - 1));
  }

  private Token advance() {
    Token t = tokens.get(pos);
    if (!t.is(TokenType.EOF)) {
      pos++;
    }
    return t;
  }

  private void expectOp(String op) {
    Token t = advance();
    if (!t.isOp(op)) {
      throw error(t.loc(), "unexpected " + describe(t) + ": expected '" + op + "'");
    }
  }

  private void expectEof() {
    if (!peek().is(TokenType.EOF)) {
      throw error(peek().loc(), "unexpected " + describe(peek()));
    }
  }

  private static String describe(Token t) {
    return switch (t.type()) {
      case EOF -> "end of input";
      case IDENT -> KEYWORDS.contains(t.text()) ? t.text() + " keyword" : "ident " + t.text();
      case STRING -> "string";
      case NUMBER -> "number";
      case TEMPLATE -> "template string";
      case OP -> "'" + t.text() + "'";
    };
  }

  private RegoException error(Location loc, String message) {
    return new RegoException(loc, "rego_parse_error", message);
  }
}
