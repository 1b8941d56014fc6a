package io.meshward.policy.builtins.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class GraphqlBuiltinsTest {

  private static final String SCHEMA =
      """
      "A device in the mesh"
      type Peer {
        id: ID!
        name: String
        routes(limit: Int = 10): [String!]!
      }
      enum Posture { COMPLIANT DEGRADED }
      input PeerFilter { posture: Posture }
      type Query {
        peer(id: ID!): Peer
        peers(filter: PeerFilter): [Peer]
      }
      """;

  private final BuiltinHarness opa = new BuiltinHarness(new GraphqlBuiltins());

  private Value call(String name, String... texts) throws BuiltinException {
    Value[] args = new Value[texts.length];
    for (int i = 0; i < texts.length; i++) {
      args[i] = StringValue.of(texts[i]);
    }
    return opa.callValues(name, args);
  }

  @Test
  void parseQueryGivesOpasAstShape() throws Exception {
    Value ast =
        call(
            "graphql.parse_query", "query Q($id: ID! = \"p1\") { p: peer(id: $id) { name ...F } }");
    assertThat(ast)
        .isEqualTo(
            Json.parse(
                """
                {"Operations": [{"Name": "Q", "Operation": "query",
                  "VariableDefinitions": [{"Variable": "id", "Used": false,
                    "Type": {"NamedType": "ID", "NonNull": true},
                    "DefaultValue": {"Raw": "p1", "Kind": 3, "ExpectedTypeHasDefault": false}}],
                  "SelectionSet": [{"Alias": "p", "Name": "peer",
                    "Arguments": [{"Name": "id",
                      "Value": {"Raw": "id", "Kind": 0, "ExpectedTypeHasDefault": false}}],
                    "SelectionSet": [{"Alias": "name", "Name": "name"}, {"Name": "F"}]}]}]}
                """));
  }

  @Test
  void valueKindsAndNesting() throws Exception {
    Value ast = call("graphql.parse_query", "{ f(a: [1, 2.5], b: {c: ENUM_X, d: null, e: true}) }");
    String json = ast.toJson();
    assertThat(json)
        .contains(
            "\"Kind\":8",
            "\"Kind\":1",
            "\"Kind\":2",
            "\"Kind\":9",
            "\"Kind\":7",
            "\"Kind\":6",
            "\"Kind\":5",
            "\"Raw\":\"2.5\"",
            "\"Name\":\"c\"");
  }

  @Test
  void blockStringsAreDedented() throws Exception {
    Value ast =
        call("graphql.parse_query", "{ f(s: \"\"\"\n    first\n      second\n    \"\"\") }");
    assertThat(ast.toJson()).contains("\"Raw\":\"first\\n  second\"", "\"Kind\":4");
  }

  @Test
  void syntaxErrorsNameTheTokenAndLocation() {
    assertThatThrownBy(() -> call("graphql.parse_query", "{ peer(id: ) }"))
        .hasMessage("Unexpected ) in GraphQL string at location 1:12");
    assertThatThrownBy(() -> call("graphql.parse_query", "query {\n  peer\n"))
        .hasMessage("Expected Name, found <EOF> in GraphQL string at location 3:1");
    assertThatThrownBy(() -> call("graphql.parse_query", "fragment F Peer { id }"))
        .hasMessage("Expected \"on\", found Name \"Peer\" in GraphQL string at location 1:12");
    assertThatThrownBy(() -> call("graphql.parse_query", "{ }"))
        .hasMessage("expected at least one definition, found } in GraphQL string at location 1:3");
    assertThatThrownBy(() -> call("graphql.parse_query", "{ f(s: \"open) }"))
        .hasMessage("Unexpected <Invalid> in GraphQL string at location 1:16");
  }

  @Test
  void parseSchemaGivesDefinitionsDirectivesAndExtensions() throws Exception {
    Value ast =
        call(
            "graphql.parse_schema",
            "directive @audit(level: Int) repeatable on FIELD_DEFINITION | OBJECT\n"
                + "schema { query: Query }\n"
                + "extend type Query @audit { count: Int }\n"
                + "union Node = | Peer | Relay\n");
    assertThat(ast)
        .isEqualTo(
            Json.parse(
                """
                {"Directives": [{"Description": "", "Name": "audit", "IsRepeatable": true,
                   "Locations": ["FIELD_DEFINITION", "OBJECT"],
                   "Arguments": [{"Description": "", "Name": "level",
                     "Type": {"NamedType": "Int", "NonNull": false}}]}],
                 "Schema": [{"Description": "",
                   "OperationTypes": [{"Operation": "query", "Type": "Query"}]}],
                 "Extensions": [{"BuiltIn": false, "Description": "", "Kind": "OBJECT",
                   "Name": "Query", "Directives": [{"Name": "audit", "Location": ""}],
                   "Fields": [{"Description": "", "Name": "count",
                     "Type": {"NamedType": "Int", "NonNull": false}}]}],
                 "Definitions": [{"BuiltIn": false, "Description": "", "Kind": "UNION",
                   "Name": "Node", "Types": ["Peer", "Relay"]}]}
                """));
  }

  @Test
  void schemaSyntaxErrors() {
    assertThatThrownBy(() -> call("graphql.parse_schema", "extend scalar Url"))
        .hasMessage("Unexpected <EOF> in GraphQL string at location 1:18");
    assertThatThrownBy(() -> call("graphql.parse_schema", "directive @d on NOWHERE"))
        .hasMessage("Unexpected Name \"NOWHERE\" in GraphQL string at location 1:17");
    assertThatThrownBy(() -> call("graphql.parse_schema", "\"doc\" extend type A { f: Int }"))
        .hasMessage("Unexpected String \"doc\" in GraphQL string at location 1:2");
  }

  @Test
  void schemaValidity() throws Exception {
    assertThat(call("graphql.schema_is_valid", SCHEMA)).isEqualTo(BooleanValue.TRUE);
    // Types need no query root, but every referenced type must exist.
    assertThat(call("graphql.schema_is_valid", "type A { b: Int }")).isEqualTo(BooleanValue.TRUE);
    assertThat(call("graphql.schema_is_valid", "type A { b: Missing }"))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("graphql.schema_is_valid", "input I { p: Peer } type Peer { id: ID }"))
        .isEqualTo(BooleanValue.FALSE);
    // Extending a type defined elsewhere (federation) is accepted.
    assertThat(call("graphql.schema_is_valid", "extend type Query { me: String }"))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("graphql.schema_is_valid", "type {")).isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void queriesAreValidatedAgainstTheSchema() throws Exception {
    assertThat(call("graphql.is_valid", "{ peer(id: \"a\") { name routes } }", SCHEMA))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("graphql.is_valid", "{ peer(id: \"a\") { secret } }", SCHEMA))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("graphql.is_valid", "{ peers(filter: {posture: WRONG}) { id } }", SCHEMA))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("graphql.is_valid", "", SCHEMA)).isEqualTo(BooleanValue.TRUE);
    assertThat(call("graphql.is_valid", "{ peer(id: \"a\") { name }", SCHEMA))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void parseReportsTheFirstValidationError() {
    assertThatThrownBy(() -> call("graphql.parse", "{\n  peer { name }\n}", SCHEMA))
        .hasMessage(
            "Field \"peer\" argument \"id\" of type \"ID!\" is required, but it was not provided"
                + " in GraphQL string at location 2:3");
  }

  @Test
  void parseAndVerifyReturnsAstsOrFalse() throws Exception {
    ArrayValue ok = (ArrayValue) call("graphql.parse_and_verify", "{ peer(id: 1) { id } }", SCHEMA);
    assertThat(ok.get(0)).isEqualTo(BooleanValue.TRUE);
    assertThat(ok.get(1)).isEqualTo(call("graphql.parse_query", "{ peer(id: 1) { id } }"));
    assertThat(ok.get(2)).isEqualTo(call("graphql.parse_schema", SCHEMA));
    assertThat(call("graphql.parse_and_verify", "{ nope }", SCHEMA).toJson())
        .isEqualTo("[false,{},{}]");
  }

  @Test
  void astObjectsAreAcceptedInPlaceOfText() throws Exception {
    Value schemaAst = call("graphql.parse_schema", SCHEMA);
    Value goodQuery = call("graphql.parse_query", "query { peers { id name } }");
    Value badQuery = call("graphql.parse_query", "query { peers { id password } }");
    assertThat(opa.callValues("graphql.is_valid", goodQuery, schemaAst))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("graphql.is_valid", badQuery, schemaAst))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(opa.callValues("graphql.schema_is_valid", schemaAst)).isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("graphql.is_valid", Json.parse("{\"Operations\": 3}"), schemaAst))
        .isEqualTo(BooleanValue.FALSE);
  }

  @Test
  void absurdNestingIsRefusedNotCrashed() {
    String deep = "{ f(a: " + "[".repeat(100_000) + " }";
    assertThatThrownBy(() -> call("graphql.parse_query", deep))
        .isInstanceOf(BuiltinException.class)
        .hasMessageContaining("nested more than 256 levels");
  }

  @Test
  void operandsMustBeTextOrObjects() {
    assertThatThrownBy(() -> opa.call("graphql.is_valid", "1", "\"type A { b: Int }\""))
        .hasMessage("operand 1 must be one of {object, string} but got number");
  }
}
