package io.meshward.policy.builtins.objects;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.number;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.set;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void getByKeyOrPath() throws Exception {
    Value doc = parse("{\"a\": {\"b\": [10, {\"c\": true}]}, \"k\": null}");
    assertThat(opa.callValues("object.get", doc, str("k"), str("d"))).isEqualTo(parse("null"));
    assertThat(opa.callValues("object.get", doc, str("x"), str("d"))).isEqualTo(str("d"));
    assertThat(opa.callValues("object.get", doc, parse("[\"a\", \"b\", 1, \"c\"]"), str("d")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("object.get", doc, parse("[\"a\", \"b\", 2]"), str("d")))
        .isEqualTo(str("d"));
    assertThat(opa.callValues("object.get", doc, parse("[]"), str("d"))).isEqualTo(doc);
    ObjectValue nonStringKeys =
        ObjectValue.of(Map.of(number(1), ObjectValue.of(Map.of(parse("[1]"), str("x")))));
    assertThat(
            opa.callValues(
                "object.get", nonStringKeys, ArrayValue.of(number(1), parse("[1]")), str("d")))
        .isEqualTo(str("x"));
    assertThatThrownBy(() -> opa.callValues("object.get", str("o"), str("k"), str("d")))
        .hasMessage("operand 1 must be object but got string");
  }

  @Test
  void keysRemoveAndFilter() throws Exception {
    Value doc = parse("{\"a\": 1, \"b\": 2, \"c\": 3}");
    assertThat(opa.callValues("object.keys", doc)).isEqualTo(set(str("a"), str("b"), str("c")));
    assertThat(opa.callValues("object.remove", doc, parse("[\"a\", \"zz\"]")))
        .isEqualTo(parse("{\"b\": 2, \"c\": 3}"));
    assertThat(opa.callValues("object.remove", doc, parse("{\"c\": 0}")))
        .isEqualTo(parse("{\"a\": 1, \"b\": 2}"));
    assertThat(opa.callValues("object.filter", doc, set(str("a"), str("c"), str("q"))))
        .isEqualTo(parse("{\"a\": 1, \"c\": 3}"));
    assertThatThrownBy(() -> opa.callValues("object.filter", doc, number(1)))
        .hasMessage("operand 2 must be one of {object, set, array} but got number");
    assertThatThrownBy(() -> opa.callValues("object.remove", parse("[]"), parse("[]")))
        .hasMessage("operand 1 must be object but got array");
  }

  @Test
  void unionMergesNestedObjects() throws Exception {
    Value a = parse("{\"net\": {\"cidr\": \"10.0.0.0/8\", \"dns\": [1]}, \"x\": 1}");
    Value b = parse("{\"net\": {\"dns\": [2]}, \"x\": {\"y\": 2}}");
    assertThat(opa.callValues("object.union", a, b))
        .isEqualTo(parse("{\"net\": {\"cidr\": \"10.0.0.0/8\", \"dns\": [2]}, \"x\": {\"y\": 2}}"));
    assertThat(
            opa.callValues(
                "object.union_n", parse("[{\"a\": 1}, {\"a\": {\"b\": 1}}, {\"a\": {\"c\": 2}}]")))
        .isEqualTo(parse("{\"a\": {\"b\": 1, \"c\": 2}}"));
    assertThat(opa.callValues("object.union_n", parse("[]"))).isEqualTo(parse("{}"));
    assertThatThrownBy(() -> opa.callValues("object.union_n", parse("[{}, 1]")))
        .hasMessage("operand 1 must be array of objects but got array containing number");
  }

  @Test
  void subsetRules() throws Exception {
    Value sup = parse("{\"a\": 1, \"n\": {\"xs\": [1, 2, 3, 4], \"m\": {\"k\": \"v\", \"j\": 0}}}");
    assertThat(
            opa.callValues(
                "object.subset", sup, parse("{\"n\": {\"xs\": [2, 3], \"m\": {\"k\": \"v\"}}}")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(opa.callValues("object.subset", sup, parse("{\"n\": {\"xs\": [2, 4]}}")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(opa.callValues("object.subset", parse("[1, 2, 3]"), set(number(3), number(1))))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(
            opa.callValues(
                "object.subset", set(number(1), set(number(2), number(3))), set(set(number(2)))))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(opa.callValues("object.subset", parse("[1, 2]"), parse("[]")))
        .isEqualTo(BooleanValue.TRUE);
    assertThatThrownBy(() -> opa.callValues("object.subset", set(number(1)), parse("[1]")))
        .hasMessageContaining("same type");
  }

  @Test
  void jsonFilterKeepsOnlyThePaths() throws Exception {
    Value doc = parse("{\"a\": {\"b\": [{\"c\": 1, \"d\": 2}, {\"e\": 3}], \"f\": 4}, \"g/h\": 5}");
    assertThat(opa.callValues("json.filter", doc, set(str("a/b/0/c"), str("g~1h"))))
        .isEqualTo(parse("{\"a\": {\"b\": [{\"c\": 1}]}, \"g/h\": 5}"));
    assertThat(opa.callValues("json.filter", doc, parse("[[\"a\", \"f\"], \"/a/b/1\"]")))
        .isEqualTo(parse("{\"a\": {\"b\": [{\"e\": 3}], \"f\": 4}}"));
    assertThat(opa.callValues("json.filter", doc, set(str("a"), str("a/f"))))
        .isEqualTo(parse("{\"a\": " + ((ObjectValue) doc).get("a") + "}"));
    assertThat(opa.callValues("json.filter", doc, parse("[]"))).isEqualTo(parse("{}"));
  }

  @Test
  void jsonRemoveDropsThePaths() throws Exception {
    Value doc = parse("{\"a\": {\"b\": [\"x\", \"y\", \"z\"], \"c\": 1}, \"d\": 2}");
    assertThat(opa.callValues("json.remove", doc, set(str("a/b/1"), str("d"))))
        .isEqualTo(parse("{\"a\": {\"b\": [\"x\", \"z\"], \"c\": 1}}"));
    assertThat(opa.callValues("json.remove", doc, parse("[[\"a\", \"c\"], \"a/b/0\"]")))
        .isEqualTo(parse("{\"a\": {\"b\": [\"y\", \"z\"]}, \"d\": 2}"));
    assertThat(opa.callValues("json.remove", doc, parse("[\"nope/x\"]"))).isEqualTo(doc);
    assertThatThrownBy(() -> opa.callValues("json.remove", doc, str("a")))
        .hasMessage("operand 2 must be one of {set, array} but got string");
    assertThatThrownBy(() -> opa.callValues("json.remove", doc, parse("[1]")))
        .hasMessage(
            "operand 2 must be one of {set, array} containing string paths or array of path"
                + " segments but got number");
  }

  private Value patch(Value doc, String ops) throws Exception {
    return opa.callValues("json.patch", doc, parse(ops));
  }

  @Test
  void jsonPatchAppliesRfc6902Operations() throws Exception {
    Value doc = parse("{\"peers\": [\"a\", \"b\"], \"meta\": {\"v\": 1}}");
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/peers/1\", \"value\": \"x\"}]"))
        .isEqualTo(parse("{\"peers\": [\"a\", \"x\", \"b\"], \"meta\": {\"v\": 1}}"));
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/peers/-\", \"value\": \"c\"}]"))
        .isEqualTo(parse("{\"peers\": [\"a\", \"b\", \"c\"], \"meta\": {\"v\": 1}}"));
    assertThat(
            patch(
                doc,
                "[{\"op\": \"remove\", \"path\": \"/peers/0\"}, {\"op\": \"replace\", \"path\": \"/meta/v\", \"value\": 2}]"))
        .isEqualTo(parse("{\"peers\": [\"b\"], \"meta\": {\"v\": 2}}"));
    assertThat(patch(doc, "[{\"op\": \"move\", \"from\": \"/meta/v\", \"path\": \"/v\"}]"))
        .isEqualTo(parse("{\"peers\": [\"a\", \"b\"], \"meta\": {}, \"v\": 1}"));
    assertThat(patch(doc, "[{\"op\": \"copy\", \"from\": \"/peers\", \"path\": \"/meta/p\"}]"))
        .isEqualTo(
            parse("{\"peers\": [\"a\", \"b\"], \"meta\": {\"v\": 1, \"p\": [\"a\", \"b\"]}}"));
    assertThat(patch(doc, "[{\"op\": \"test\", \"path\": \"meta/v\", \"value\": 1}]"))
        .isEqualTo(doc);
    assertThat(patch(doc, "[{\"op\": \"replace\", \"path\": \"\", \"value\": 7}]"))
        .isEqualTo(number(7));
  }

  @Test
  void failingPatchesAreUndefined() throws Exception {
    Value doc = parse("{\"peers\": [\"a\"], \"meta\": {}}");
    assertThat(patch(doc, "[{\"op\": \"test\", \"path\": \"/peers/0\", \"value\": \"b\"}]"))
        .isNull();
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/peers/2\", \"value\": 1}]")).isNull();
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/peers/01\", \"value\": 1}]")).isNull();
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/x/y\", \"value\": 1}]")).isNull();
    assertThat(patch(doc, "[{\"op\": \"remove\", \"path\": \"/meta/none\"}]")).isNull();
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/z\"}]")).isNull();
    assertThat(patch(doc, "[{\"op\": \"explode\", \"path\": \"/z\"}]")).isNull();
    assertThat(patch(doc, "[{\"op\": \"move\", \"from\": \"/meta\", \"path\": \"/meta/inner\"}]"))
        .isNull();
  }

  @Test
  void jsonPatchAddressesSetMembers() throws Exception {
    Value doc = ObjectValue.of(Map.of(str("tags"), set(str("a"), str("b"))));
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/tags/c\", \"value\": \"c\"}]"))
        .isEqualTo(ObjectValue.of(Map.of(str("tags"), set(str("a"), str("b"), str("c")))));
    assertThat(patch(doc, "[{\"op\": \"remove\", \"path\": \"tags/a\"}]"))
        .isEqualTo(ObjectValue.of(Map.of(str("tags"), set(str("b")))));
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/tags/c\", \"value\": \"d\"}]")).isNull();
    Value nested = set(parse("[1]"));
    assertThat(patch(nested, "[{\"op\": \"add\", \"path\": [[1], 1], \"value\": 2}]"))
        .isEqualTo(set(parse("[1, 2]")));
  }
}
