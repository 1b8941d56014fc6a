package io.meshward.policy.builtins.uuid;

import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.call;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.json;
import static io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.valuetest.ValueBuiltinHarness.TestContext;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class UuidBuiltinsTest {

  @Test
  void randomUuidsAreVersion4AndStablePerKeyWithinAnEvaluation() throws Exception {
    TestContext ctx = new TestContext();
    Value a = call(ctx, "uuid.rfc4122", str("a"));
    assertThat(call(ctx, "uuid.rfc4122", str("a"))).isEqualTo(a);
    assertThat(call(ctx, "uuid.rfc4122", str("b"))).isNotEqualTo(a);
    assertThat(((StringValue) a).value())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(call(ctx, "uuid.parse", a))
        .isEqualTo(json("{\"version\": 4, \"variant\": \"RFC4122\"}"));
    assertThat(call(new TestContext(), "uuid.rfc4122", str("a"))).isNotEqualTo(a);
  }

  @Test
  void parsesTheFormsGoAccepts() throws Exception {
    Value v4 = json("{\"version\": 4, \"variant\": \"RFC4122\"}");
    assertThat(call("uuid.parse", str("6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f"))).isEqualTo(v4);
    assertThat(call("uuid.parse", str("{6F1D3C8E-1B2A-4C3D-9E8F-0A1B2C3D4E5F}"))).isEqualTo(v4);
    assertThat(call("uuid.parse", str("UrN:uUiD:6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f")))
        .isEqualTo(v4);
    assertThat(call("uuid.parse", str("6f1d3c8e1b2a4c3d9e8f0a1b2c3d4e5f"))).isEqualTo(v4);
    assertThat(call("uuid.parse", str("6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5"))).isNull();
    assertThat(call("uuid.parse", str("6f1d3c8e+1b2a-4c3d-9e8f-0a1b2c3d4e5f"))).isNull();
    assertThat(call("uuid.parse", str("6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5g"))).isNull();
  }

  @Test
  void timeBasedUuidsExposeTheirFields() throws Exception {
    // Version 1, 2001-09-09T01:46:40Z (1e18 ns after the Unix epoch), clock 0x1234, multicast node.
    Value parsed = call("uuid.parse", str("83424000-a4c4-11d5-9234-0100a1b2c3d4"));
    assertThat(parsed)
        .isEqualTo(
            json(
                "{\"version\": 1, \"variant\": \"RFC4122\", \"time\": 1000000000000000000,"
                    + " \"clocksequence\": 4660, \"nodeid\": \"01-00-a1-b2-c3-d4\","
                    + " \"macvariables\": \"global:multicast\"}"));
    Value v2 = call("uuid.parse", str("000001f5-a4e1-21d5-8001-020000000001"));
    assertThat(((io.meshward.policy.value.ObjectValue) v2).get("id")).isEqualTo(json("501"));
    assertThat(((io.meshward.policy.value.ObjectValue) v2).get("domain")).isEqualTo(str("Group"));
    assertThat(((io.meshward.policy.value.ObjectValue) v2).get("macvariables"))
        .isEqualTo(str("local:unicast"));
  }
}
