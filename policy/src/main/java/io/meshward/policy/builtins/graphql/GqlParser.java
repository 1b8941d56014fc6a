package io.meshward.policy.builtins.graphql;

import io.meshward.policy.builtins.graphql.GqlLexer.Kind;
import io.meshward.policy.builtins.graphql.GqlLexer.Token;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses GraphQL query and schema documents into the AST objects OPA returns: the field names and
 * nesting of the Go gqlparser library's AST ({@code Operations}, {@code SelectionSet}, {@code
 * Definitions}, ...), positions left out and absent or empty members omitted. Error messages use
 * that library's wording ({@code Expected Name, found <EOF>}), which policies may compare.
 */
final class GqlParser {

  /** Value kinds, numbered as in gqlparser. */
  private static final int VARIABLE = 0;

  private static final int INT = 1;
  private static final int FLOAT = 2;
  private static final int STRING = 3;
  private static final int BLOCK = 4;
  private static final int BOOLEAN = 5;
  private static final int NULL = 6;
  private static final int ENUM = 7;
  private static final int LIST = 8;
  private static final int OBJECT = 9;

  private static final Set<String> DIRECTIVE_LOCATIONS =
      Set.of(
          "QUERY",
          "MUTATION",
          "SUBSCRIPTION",
          "FIELD",
          "FRAGMENT_DEFINITION",
          "FRAGMENT_SPREAD",
          "INLINE_FRAGMENT",
          "VARIABLE_DEFINITION",
          "SCHEMA",
          "SCALAR",
          "OBJECT",
          "FIELD_DEFINITION",
          "ARGUMENT_DEFINITION",
          "INTERFACE",
          "UNION",
          "ENUM",
          "ENUM_VALUE",
          "INPUT_OBJECT",
          "INPUT_FIELD_DEFINITION");

  /** Nesting beyond this is refused rather than risking the evaluator's stack. */
  private static final int MAX_DEPTH = 256;

  private final List<Token> tokens;
  private int index;
  private int depth;

  private GqlParser(String source) {
    this.tokens = GqlLexer.tokenize(source);
  }

  // ---- documents ----

  static ObjectValue parseQuery(String source) throws GqlSyntaxException {
    return new GqlParser(source).queryDocument();
  }

  static ObjectValue parseSchema(String source) throws GqlSyntaxException {
    return new GqlParser(source).schemaDocument();
  }

  private ObjectValue queryDocument() throws GqlSyntaxException {
    List<Value> operations = new ArrayList<>();
    List<Value> fragments = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      Token t = peek();
      if (t.kind() == Kind.BRACE_L) {
        operations.add(operation());
      } else if (t.kind() == Kind.NAME) {
        switch (t.value()) {
          case "query", "mutation", "subscription" -> operations.add(operation());
          case "fragment" -> fragments.add(fragmentDefinition());
          default -> throw unexpected(t);
        }
      } else {
        throw unexpected(t);
      }
    }
    return new Obj().list("Operations", operations).list("Fragments", fragments).build();
  }

  private Value operation() throws GqlSyntaxException {
    Obj op = new Obj();
    if (peek().kind() == Kind.BRACE_L) {
      return op.str("Operation", "query")
          .str("Name", "")
          .list("SelectionSet", selectionSet())
          .build();
    }
    op.str("Operation", operationType());
    op.str("Name", peek().kind() == Kind.NAME ? name() : "");
    op.list("VariableDefinitions", variableDefinitions());
    op.list("Directives", directives(false));
    op.list("SelectionSet", selectionSet());
    return op.build();
  }

  private String operationType() throws GqlSyntaxException {
    Token t = expect(Kind.NAME);
    return switch (t.value()) {
      case "query", "mutation", "subscription" -> t.value();
      default -> throw unexpected(t);
    };
  }

  private List<Value> variableDefinitions() throws GqlSyntaxException {
    List<Value> defs = new ArrayList<>();
    some(Kind.PAREN_L, Kind.PAREN_R, () -> defs.add(variableDefinition()));
    return defs;
  }

  private Value variableDefinition() throws GqlSyntaxException {
    Obj def = new Obj();
    expect(Kind.DOLLAR);
    def.str("Variable", name());
    expect(Kind.COLON);
    def.put("Type", typeReference());
    if (skip(Kind.EQUALS)) {
      def.put("DefaultValue", value(true));
    }
    def.list("Directives", directives(true));
    def.put("Used", BooleanValue.FALSE);
    return def.build();
  }

  private Value fragmentDefinition() throws GqlSyntaxException {
    Obj def = new Obj();
    expectKeyword("fragment");
    def.str("Name", fragmentName());
    def.list("VariableDefinition", variableDefinitions());
    expectKeyword("on");
    def.str("TypeCondition", name());
    def.list("Directives", directives(false));
    def.list("SelectionSet", requiredSelectionSet());
    return def.build();
  }

  private String fragmentName() throws GqlSyntaxException {
    if (peek().kind() == Kind.NAME && peek().value().equals("on")) {
      throw unexpected(peek());
    }
    return name();
  }

  private List<Value> selectionSet() throws GqlSyntaxException {
    return requiredSelectionSet();
  }

  private List<Value> requiredSelectionSet() throws GqlSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "GraphQL document is nested more than " + MAX_DEPTH + " levels deep");
    }
    try {
      return requiredSelectionSetUnguarded();
    } finally {
      depth--;
    }
  }

  private List<Value> requiredSelectionSetUnguarded() throws GqlSyntaxException {
    if (peek().kind() != Kind.BRACE_L) {
      throw error(peek(), "Expected " + Kind.BRACE_L + ", found " + peek().kind());
    }
    List<Value> selections = new ArrayList<>();
    some(Kind.BRACE_L, Kind.BRACE_R, () -> selections.add(selection()));
    return selections;
  }

  private Value selection() throws GqlSyntaxException {
    return peek().kind() == Kind.SPREAD ? fragment() : field();
  }

  private Value field() throws GqlSyntaxException {
    Obj field = new Obj();
    String nameOrAlias = name();
    if (skip(Kind.COLON)) {
      field.str("Alias", nameOrAlias).str("Name", name());
    } else {
      field.str("Alias", nameOrAlias).str("Name", nameOrAlias);
    }
    field.list("Arguments", arguments(false));
    field.list("Directives", directives(false));
    if (peek().kind() == Kind.BRACE_L) {
      field.list("SelectionSet", selectionSet());
    }
    return field.build();
  }

  private List<Value> arguments(boolean isConst) throws GqlSyntaxException {
    List<Value> args = new ArrayList<>();
    some(
        Kind.PAREN_L,
        Kind.PAREN_R,
        () -> {
          Obj arg = new Obj().str("Name", name());
          expect(Kind.COLON);
          args.add(arg.put("Value", value(isConst)).build());
        });
    return args;
  }

  private Value fragment() throws GqlSyntaxException {
    expect(Kind.SPREAD);
    if (peek().kind() == Kind.NAME && !peek().value().equals("on")) {
      return new Obj().str("Name", fragmentName()).list("Directives", directives(false)).build();
    }
    Obj inline = new Obj();
    if (peek().kind() == Kind.NAME && peek().value().equals("on")) {
      next();
      inline.str("TypeCondition", name());
    } else {
      inline.str("TypeCondition", "");
    }
    inline.list("Directives", directives(false));
    inline.list("SelectionSet", requiredSelectionSet());
    return inline.build();
  }

  private List<Value> directives(boolean isConst) throws GqlSyntaxException {
    List<Value> directives = new ArrayList<>();
    while (peek().kind() == Kind.AT) {
      next();
      Obj d = new Obj().str("Name", name());
      d.list("Arguments", arguments(isConst));
      d.str("Location", "");
      directives.add(d.build());
    }
    return directives;
  }

  private Value typeReference() throws GqlSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "GraphQL document is nested more than " + MAX_DEPTH + " levels deep");
    }
    try {
      return typeReferenceUnguarded();
    } finally {
      depth--;
    }
  }

  private Value typeReferenceUnguarded() throws GqlSyntaxException {
    Obj type = new Obj();
    if (skip(Kind.BRACKET_L)) {
      type.put("Elem", typeReference());
      expect(Kind.BRACKET_R);
      type.str("NamedType", "");
    } else {
      type.str("NamedType", name());
    }
    type.put("NonNull", BooleanValue.of(skip(Kind.BANG)));
    return type.build();
  }

  private Value value(boolean isConst) throws GqlSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error(peek(), "GraphQL document is nested more than " + MAX_DEPTH + " levels deep");
    }
    try {
      return valueUnguarded(isConst);
    } finally {
      depth--;
    }
  }

  private Value valueUnguarded(boolean isConst) throws GqlSyntaxException {
    Token t = peek();
    switch (t.kind()) {
      case BRACKET_L -> {
        next();
        List<Value> children = new ArrayList<>();
        while (!skip(Kind.BRACKET_R)) {
          children.add(new Obj().str("Name", "").put("Value", value(isConst)).build());
        }
        return valueNode(LIST, "", children);
      }
      case BRACE_L -> {
        next();
        List<Value> children = new ArrayList<>();
        while (!skip(Kind.BRACE_R)) {
          Obj child = new Obj().str("Name", name());
          expect(Kind.COLON);
          children.add(child.put("Value", value(isConst)).build());
        }
        return valueNode(OBJECT, "", children);
      }
      case DOLLAR -> {
        if (isConst) {
          throw unexpected(t);
        }
        next();
        return valueNode(VARIABLE, name(), List.of());
      }
      case INT -> {
        next();
        return valueNode(INT, t.value(), List.of());
      }
      case FLOAT -> {
        next();
        return valueNode(FLOAT, t.value(), List.of());
      }
      case STRING -> {
        next();
        return valueNode(STRING, t.value(), List.of());
      }
      case BLOCK_STRING -> {
        next();
        return valueNode(BLOCK, t.value(), List.of());
      }
      case NAME -> {
        next();
        int kind =
            switch (t.value()) {
              case "true", "false" -> BOOLEAN;
              case "null" -> NULL;
              default -> ENUM;
            };
        return valueNode(kind, t.value(), List.of());
      }
      default -> throw unexpected(t);
    }
  }

  private static Value valueNode(int kind, String raw, List<Value> children) {
    return new Obj()
        .str("Raw", raw)
        .list("Children", children)
        .put("Kind", NumberValue.of(kind))
        .put("ExpectedTypeHasDefault", BooleanValue.FALSE)
        .build();
  }

  // ---- schema documents ----

  private ObjectValue schemaDocument() throws GqlSyntaxException {
    List<Value> schema = new ArrayList<>();
    List<Value> schemaExtensions = new ArrayList<>();
    List<Value> directives = new ArrayList<>();
    List<Value> definitions = new ArrayList<>();
    List<Value> extensions = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      Token descriptionToken = peek();
      String description = description();
      Token t = peek();
      if (t.kind() != Kind.NAME) {
        throw unexpected(t);
      }
      switch (t.value()) {
        case "scalar", "type", "interface", "union", "enum", "input" ->
            definitions.add(typeDefinition(description));
        case "schema" -> schema.add(schemaDefinition(description));
        case "directive" -> directives.add(directiveDefinition(description));
        case "extend" -> {
          if (!description.isEmpty()) {
            throw unexpected(descriptionToken);
          }
          next();
          Token what = peek();
          if (what.kind() == Kind.NAME && what.value().equals("schema")) {
            schemaExtensions.add(schemaExtension());
          } else if (what.kind() == Kind.NAME
              && Set.of("scalar", "type", "interface", "union", "enum", "input")
                  .contains(what.value())) {
            extensions.add(typeExtension());
          } else {
            throw unexpected(what);
          }
        }
        default -> throw unexpected(t);
      }
    }
    return new Obj()
        .list("Schema", schema)
        .list("SchemaExtension", schemaExtensions)
        .list("Directives", directives)
        .list("Definitions", definitions)
        .list("Extensions", extensions)
        .build();
  }

  private String description() {
    Kind k = peek().kind();
    if (k == Kind.STRING || k == Kind.BLOCK_STRING) {
      return next().value();
    }
    return "";
  }

  private Value schemaDefinition(String description) throws GqlSyntaxException {
    expectKeyword("schema");
    Obj def = new Obj().str("Description", description);
    def.list("Directives", directives(true));
    List<Value> ops = new ArrayList<>();
    if (peek().kind() != Kind.BRACE_L) {
      throw error(peek(), "Expected " + Kind.BRACE_L + ", found " + peek().kind());
    }
    some(Kind.BRACE_L, Kind.BRACE_R, () -> ops.add(operationTypeDefinition()));
    return def.list("OperationTypes", ops).build();
  }

  private Value schemaExtension() throws GqlSyntaxException {
    expectKeyword("schema");
    Obj def = new Obj().str("Description", "");
    List<Value> directives = directives(true);
    List<Value> ops = new ArrayList<>();
    some(Kind.BRACE_L, Kind.BRACE_R, () -> ops.add(operationTypeDefinition()));
    if (directives.isEmpty() && ops.isEmpty()) {
      throw unexpected(peek());
    }
    return def.list("Directives", directives).list("OperationTypes", ops).build();
  }

  private Value operationTypeDefinition() throws GqlSyntaxException {
    String operation = operationType();
    expect(Kind.COLON);
    return new Obj().str("Operation", operation).str("Type", name()).build();
  }

  /** A type definition, or with {@code description == null} the body of an extension. */
  private Value typeDefinition(String description) throws GqlSyntaxException {
    Token keyword = next();
    Obj def = new Obj();
    def.str("Description", description == null ? "" : description);
    def.put("BuiltIn", BooleanValue.FALSE);
    def.str("Name", name());
    boolean hasBody;
    switch (keyword.value()) {
      case "scalar" -> {
        def.str("Kind", "SCALAR");
        List<Value> dirs = directives(true);
        def.list("Directives", dirs);
        hasBody = !dirs.isEmpty();
      }
      case "type", "interface" -> {
        def.str("Kind", keyword.value().equals("type") ? "OBJECT" : "INTERFACE");
        List<Value> interfaces = implementsInterfaces();
        List<Value> dirs = directives(true);
        List<Value> fields = fieldsDefinition();
        def.list("Interfaces", interfaces).list("Directives", dirs).list("Fields", fields);
        hasBody = !interfaces.isEmpty() || !dirs.isEmpty() || !fields.isEmpty();
      }
      case "union" -> {
        def.str("Kind", "UNION");
        List<Value> dirs = directives(true);
        List<Value> types = unionMembers();
        def.list("Directives", dirs).list("Types", types);
        hasBody = !dirs.isEmpty() || !types.isEmpty();
      }
      case "enum" -> {
        def.str("Kind", "ENUM");
        List<Value> dirs = directives(true);
        List<Value> values = new ArrayList<>();
        some(Kind.BRACE_L, Kind.BRACE_R, () -> values.add(enumValueDefinition()));
        def.list("Directives", dirs).list("EnumValues", values);
        hasBody = !dirs.isEmpty() || !values.isEmpty();
      }
      default -> {
        def.str("Kind", "INPUT_OBJECT");
        List<Value> dirs = directives(true);
        List<Value> fields = new ArrayList<>();
        some(Kind.BRACE_L, Kind.BRACE_R, () -> fields.add(inputValueDefinition()));
        def.list("Directives", dirs).list("Fields", fields);
        hasBody = !dirs.isEmpty() || !fields.isEmpty();
      }
    }
    if (description == null && !hasBody) {
      throw unexpected(peek());
    }
    return def.build();
  }

  private Value typeExtension() throws GqlSyntaxException {
    return typeDefinition(null);
  }

  private List<Value> implementsInterfaces() throws GqlSyntaxException {
    List<Value> names = new ArrayList<>();
    if (peek().kind() == Kind.NAME && peek().value().equals("implements")) {
      next();
      skip(Kind.AMP);
      names.add(StringValue.of(name()));
      while (skip(Kind.AMP)) {
        names.add(StringValue.of(name()));
      }
    }
    return names;
  }

  private List<Value> fieldsDefinition() throws GqlSyntaxException {
    List<Value> fields = new ArrayList<>();
    some(
        Kind.BRACE_L,
        Kind.BRACE_R,
        () -> {
          Obj field = new Obj().str("Description", description());
          field.str("Name", name());
          List<Value> args = new ArrayList<>();
          some(Kind.PAREN_L, Kind.PAREN_R, () -> args.add(inputValueDefinition()));
          field.list("Arguments", args);
          expect(Kind.COLON);
          field.put("Type", typeReference());
          field.list("Directives", directives(true));
          fields.add(field.build());
        });
    return fields;
  }

  private Value inputValueDefinition() throws GqlSyntaxException {
    Obj def = new Obj().str("Description", description());
    def.str("Name", name());
    expect(Kind.COLON);
    def.put("Type", typeReference());
    if (skip(Kind.EQUALS)) {
      def.put("DefaultValue", value(true));
    }
    def.list("Directives", directives(true));
    return def.build();
  }

  private List<Value> unionMembers() throws GqlSyntaxException {
    List<Value> types = new ArrayList<>();
    if (skip(Kind.EQUALS)) {
      skip(Kind.PIPE);
      types.add(StringValue.of(name()));
      while (skip(Kind.PIPE)) {
        types.add(StringValue.of(name()));
      }
    }
    return types;
  }

  private Value enumValueDefinition() throws GqlSyntaxException {
    Obj def = new Obj().str("Description", description());
    Token t = peek();
    String name = name();
    if (name.equals("true") || name.equals("false") || name.equals("null")) {
      throw error(t, "Enum cannot have a value named " + name);
    }
    def.str("Name", name);
    def.list("Directives", directives(true));
    return def.build();
  }

  private Value directiveDefinition(String description) throws GqlSyntaxException {
    expectKeyword("directive");
    expect(Kind.AT);
    Obj def = new Obj().str("Description", description).str("Name", name());
    List<Value> args = new ArrayList<>();
    some(Kind.PAREN_L, Kind.PAREN_R, () -> args.add(inputValueDefinition()));
    def.list("Arguments", args);
    boolean repeatable = peek().kind() == Kind.NAME && peek().value().equals("repeatable");
    if (repeatable) {
      next();
    }
    def.put("IsRepeatable", BooleanValue.of(repeatable));
    expectKeyword("on");
    List<Value> locations = new ArrayList<>();
    skip(Kind.PIPE);
    locations.add(directiveLocation());
    while (skip(Kind.PIPE)) {
      locations.add(directiveLocation());
    }
    return def.list("Locations", locations).build();
  }

  private Value directiveLocation() throws GqlSyntaxException {
    Token t = peek();
    String name = name();
    if (!DIRECTIVE_LOCATIONS.contains(name)) {
      throw unexpected(t);
    }
    return StringValue.of(name);
  }

  // ---- token helpers ----

  @FunctionalInterface
  private interface Step {
    void run() throws GqlSyntaxException;
  }

  /** {@code start item+ end}; nothing at all when {@code start} is absent. */
  private void some(Kind start, Kind end, Step item) throws GqlSyntaxException {
    if (!skip(start)) {
      return;
    }
    if (peek().kind() == end) {
      throw error(peek(), "expected at least one definition, found " + peek().kind());
    }
    while (!skip(end)) {
      item.run();
    }
  }

  private String name() throws GqlSyntaxException {
    return expect(Kind.NAME).value();
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token t = tokens.get(index);
    if (index < tokens.size() - 1) {
      index++;
    }
    return t;
  }

  private boolean skip(Kind kind) throws GqlSyntaxException {
    if (peek().kind() == Kind.INVALID) {
      throw unexpected(peek());
    }
    if (peek().kind() == kind) {
      next();
      return true;
    }
    return false;
  }

  private Token expect(Kind kind) throws GqlSyntaxException {
    Token t = peek();
    if (t.kind() != kind) {
      if (t.kind() == Kind.INVALID) {
        throw unexpected(t);
      }
      throw error(t, "Expected " + kind + ", found " + t.kind());
    }
    return next();
  }

  private void expectKeyword(String keyword) throws GqlSyntaxException {
    Token t = peek();
    if (t.kind() != Kind.NAME || !t.value().equals(keyword)) {
      throw error(t, "Expected " + GqlStrings.quote(keyword) + ", found " + t.describe());
    }
    next();
  }

  private static GqlSyntaxException unexpected(Token t) {
    return error(t, "Unexpected " + t.describe());
  }

  private static GqlSyntaxException error(Token t, String message) {
    return new GqlSyntaxException(message, t.line(), t.column());
  }

  /** Builds one AST object, leaving out empty lists as OPA does. */
  private static final class Obj {
    private final ObjectValue.Builder builder = ObjectValue.builder();

    Obj str(String key, String value) {
      builder.put(key, StringValue.of(value));
      return this;
    }

    Obj put(String key, Value value) {
      builder.put(key, value);
      return this;
    }

    Obj list(String key, List<Value> values) {
      if (!values.isEmpty()) {
        builder.put(key, ArrayValue.of(values));
      }
      return this;
    }

    ObjectValue build() {
      return builder.build();
    }
  }
}
