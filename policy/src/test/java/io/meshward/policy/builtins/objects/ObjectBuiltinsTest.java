package io.meshward.policy.builtins.objects;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.set;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectBuiltinsTest {

  private static Value n(long v) {
    return NumberValue.of(v);
  }

  @Test
  void getByKeyOrPath() throws Exception {
    Value doc = json("{\"a\": {\"b\": [10, {\"c\": true}]}, \"k\": null}");
    assertThat(call("object.get", doc, str("k"), str("d"))).isEqualTo(json("null"));
    assertThat(call("object.get", doc, str("x"), str("d"))).isEqualTo(str("d"));
    assertThat(call("object.get", doc, json("[\"a\", \"b\", 1, \"c\"]"), str("d")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.get", doc, json("[\"a\", \"b\", 2]"), str("d"))).isEqualTo(str("d"));
    assertThat(call("object.get", doc, json("[]"), str("d"))).isEqualTo(doc);
    ObjectValue nonStringKeys =
        ObjectValue.of(Map.of(n(1), ObjectValue.of(Map.of(json("[1]"), str("x")))));
    assertThat(call("object.get", nonStringKeys, ArrayValue.of(n(1), json("[1]")), str("d")))
        .isEqualTo(str("x"));
    assertThatThrownBy(() -> call("object.get", str("o"), str("k"), str("d")))
        .hasMessage("operand 1 must be object but got string");
  }

  @Test
  void keysRemoveAndFilter() throws Exception {
    Value doc = json("{\"a\": 1, \"b\": 2, \"c\": 3}");
    assertThat(call("object.keys", doc)).isEqualTo(set(str("a"), str("b"), str("c")));
    assertThat(call("object.remove", doc, json("[\"a\", \"zz\"]")))
        .isEqualTo(json("{\"b\": 2, \"c\": 3}"));
    assertThat(call("object.remove", doc, json("{\"c\": 0}")))
        .isEqualTo(json("{\"a\": 1, \"b\": 2}"));
    assertThat(call("object.filter", doc, set(str("a"), str("c"), str("q"))))
        .isEqualTo(json("{\"a\": 1, \"c\": 3}"));
    assertThatThrownBy(() -> call("object.filter", doc, n(1)))
        .hasMessage("operand 2 must be one of {object, set, array} but got number");
    assertThatThrownBy(() -> call("object.remove", json("[]"), json("[]")))
        .hasMessage("operand 1 must be object but got array");
  }

  @Test
  void unionMergesNestedObjects() throws Exception {
    Value a = json("{\"net\": {\"cidr\": \"10.0.0.0/8\", \"dns\": [1]}, \"x\": 1}");
    Value b = json("{\"net\": {\"dns\": [2]}, \"x\": {\"y\": 2}}");
    assertThat(call("object.union", a, b))
        .isEqualTo(json("{\"net\": {\"cidr\": \"10.0.0.0/8\", \"dns\": [2]}, \"x\": {\"y\": 2}}"));
    assertThat(
            call("object.union_n", json("[{\"a\": 1}, {\"a\": {\"b\": 1}}, {\"a\": {\"c\": 2}}]")))
        .isEqualTo(json("{\"a\": {\"b\": 1, \"c\": 2}}"));
    assertThat(call("object.union_n", json("[]"))).isEqualTo(json("{}"));
    assertThatThrownBy(() -> call("object.union_n", json("[{}, 1]")))
        .hasMessage("operand 1 must be array of objects but got array containing number");
  }

  @Test
  void subsetRules() throws Exception {
    Value sup = json("{\"a\": 1, \"n\": {\"xs\": [1, 2, 3, 4], \"m\": {\"k\": \"v\", \"j\": 0}}}");
    assertThat(call("object.subset", sup, json("{\"n\": {\"xs\": [2, 3], \"m\": {\"k\": \"v\"}}}")))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.subset", sup, json("{\"n\": {\"xs\": [2, 4]}}")))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("object.subset", json("[1, 2, 3]"), set(n(3), n(1))))
        .isEqualTo(BooleanValue.TRUE);
    assertThat(call("object.subset", set(n(1), set(n(2), n(3))), set(set(n(2)))))
        .isEqualTo(BooleanValue.FALSE);
    assertThat(call("object.subset", json("[1, 2]"), json("[]"))).isEqualTo(BooleanValue.TRUE);
    assertThatThrownBy(() -> call("object.subset", set(n(1)), json("[1]")))
        .hasMessageContaining("same type");
  }

  @Test
  void jsonFilterKeepsOnlyThePaths() throws Exception {
    Value doc = json("{\"a\": {\"b\": [{\"c\": 1, \"d\": 2}, {\"e\": 3}], \"f\": 4}, \"g/h\": 5}");
    assertThat(call("json.filter", doc, set(str("a/b/0/c"), str("g~1h"))))
        .isEqualTo(json("{\"a\": {\"b\": [{\"c\": 1}]}, \"g/h\": 5}"));
    assertThat(call("json.filter", doc, json("[[\"a\", \"f\"], \"/a/b/1\"]")))
        .isEqualTo(json("{\"a\": {\"b\": [{\"e\": 3}], \"f\": 4}}"));
    assertThat(call("json.filter", doc, set(str("a"), str("a/f"))))
        .isEqualTo(json("{\"a\": " + ((ObjectValue) doc).get("a") + "}"));
    assertThat(call("json.filter", doc, json("[]"))).isEqualTo(json("{}"));
  }

  @Test
  void jsonRemoveDropsThePaths() throws Exception {
    Value doc = json("{\"a\": {\"b\": [\"x\", \"y\", \"z\"], \"c\": 1}, \"d\": 2}");
    assertThat(call("json.remove", doc, set(str("a/b/1"), str("d"))))
        .isEqualTo(json("{\"a\": {\"b\": [\"x\", \"z\"], \"c\": 1}}"));
    assertThat(call("json.remove", doc, json("[[\"a\", \"c\"], \"a/b/0\"]")))
        .isEqualTo(json("{\"a\": {\"b\": [\"y\", \"z\"]}, \"d\": 2}"));
    assertThat(call("json.remove", doc, json("[\"nope/x\"]"))).isEqualTo(doc);
    assertThatThrownBy(() -> call("json.remove", doc, str("a")))
        .hasMessage("operand 2 must be one of {set, array} but got string");
    assertThatThrownBy(() -> call("json.remove", doc, json("[1]")))
        .hasMessage(
            "operand 2 must be one of {set, array} containing string paths or array of path"
                + " segments but got number");
  }

  private static Value patch(Value doc, String ops) throws Exception {
    return call("json.patch", doc, json(ops));
  }

  @Test
  void jsonPatchAppliesRfc6902Operations() throws Exception {
    Value doc = json("{\"peers\": [\"a\", \"b\"], \"meta\": {\"v\": 1}}");
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/peers/1\", \"value\": \"x\"}]"))
        .isEqualTo(json("{\"peers\": [\"a\", \"x\", \"b\"], \"meta\": {\"v\": 1}}"));
    assertThat(patch(doc, "[{\"op\": \"add\", \"path\": \"/peers/-\", \"value\": \"c\"}]"))
        .isEqualTo(json("{\"peers\": [\"a\", \"b\", \"c\"], \"meta\": {\"v\": 1}}"));
    assertThat(
            patch(
                doc,
                "[{\"op\": \"remove\", \"path\": \"/peers/0\"}, {\"op\": \"replace\", \"path\": \"/meta/v\", \"value\": 2}]"))
        .isEqualTo(json("{\"peers\": [\"b\"], \"meta\": {\"v\": 2}}"));
    assertThat(patch(doc, "[{\"op\": \"move\", \"from\": \"/meta/v\", \"path\": \"/v\"}]"))
        .isEqualTo(json("{\"peers\": [\"a\", \"b\"], \"meta\": {}, \"v\": 1}"));
    assertThat(patch(doc, "[{\"op\": \"copy\", \"from\": \"/peers\", \"path\": \"/meta/p\"}]"))
        .isEqualTo(
            json("{\"peers\": [\"a\", \"b\"], \"meta\": {\"v\": 1, \"p\": [\"a\", \"b\"]}}"));
    assertThat(patch(doc, "[{\"op\": \"test\", \"path\": \"meta/v\", \"value\": 1}]"))
        .isEqualTo(doc);
    assertThat(patch(doc, "[{\"op\": \"replace\", \"path\": \"\", \"value\": 7}]")).isEqualTo(n(7));
  }

  @Test
  void failingPatchesAreUndefined() throws Exception {
    Value doc = json("{\"peers\": [\"a\"], \"meta\": {}}");
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
    Value nested = set(json("[1]"));
    assertThat(patch(nested, "[{\"op\": \"add\", \"path\": [[1], 1], \"value\": 2}]"))
        .isEqualTo(set(json("[1, 2]")));
  }
}
