package io.meshward.policy.builtins.uuid;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.builtins.testkit.BuiltinHarness.FixedContext;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import org.junit.jupiter.api.Test;

class UuidBuiltinsTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  @Test
  void randomUuidsAreVersion4AndStablePerKeyWithinAnEvaluation() throws Exception {
    FixedContext ctx = new FixedContext();
    Value a = opa.callIn(ctx, "uuid.rfc4122", str("a"));
    assertThat(opa.callIn(ctx, "uuid.rfc4122", str("a"))).isEqualTo(a);
    assertThat(opa.callIn(ctx, "uuid.rfc4122", str("b"))).isNotEqualTo(a);
    assertThat(((StringValue) a).value())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(opa.callIn(ctx, "uuid.parse", a))
        .isEqualTo(parse("{\"version\": 4, \"variant\": \"RFC4122\"}"));
    assertThat(opa.callIn(new FixedContext(), "uuid.rfc4122", str("a"))).isNotEqualTo(a);
  }

  @Test
  void parsesTheFormsGoAccepts() throws Exception {
    Value v4 = parse("{\"version\": 4, \"variant\": \"RFC4122\"}");
    assertThat(opa.callValues("uuid.parse", str("6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f")))
        .isEqualTo(v4);
    assertThat(opa.callValues("uuid.parse", str("{6F1D3C8E-1B2A-4C3D-9E8F-0A1B2C3D4E5F}")))
        .isEqualTo(v4);
    assertThat(opa.callValues("uuid.parse", str("UrN:uUiD:6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5f")))
        .isEqualTo(v4);
    assertThat(opa.callValues("uuid.parse", str("6f1d3c8e1b2a4c3d9e8f0a1b2c3d4e5f"))).isEqualTo(v4);
    assertThat(opa.callValues("uuid.parse", str("6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5"))).isNull();
    assertThat(opa.callValues("uuid.parse", str("6f1d3c8e+1b2a-4c3d-9e8f-0a1b2c3d4e5f"))).isNull();
    assertThat(opa.callValues("uuid.parse", str("6f1d3c8e-1b2a-4c3d-9e8f-0a1b2c3d4e5g"))).isNull();
  }

  @Test
  void timeBasedUuidsExposeTheirFields() throws Exception {
    // Version 1, 2001-09-09T01:46:40Z (1e18 ns after the Unix epoch), clock 0x1234, multicast node.
    Value parsed = opa.callValues("uuid.parse", str("83424000-a4c4-11d5-9234-0100a1b2c3d4"));
    assertThat(parsed)
        .isEqualTo(
            parse(
                "{\"version\": 1, \"variant\": \"RFC4122\", \"time\": 1000000000000000000,"
                    + " \"clocksequence\": 4660, \"nodeid\": \"01-00-a1-b2-c3-d4\","
                    + " \"macvariables\": \"global:multicast\"}"));
    Value v2 = opa.callValues("uuid.parse", str("000001f5-a4e1-21d5-8001-020000000001"));
    assertThat(((io.meshward.policy.value.ObjectValue) v2).get("id")).isEqualTo(parse("501"));
    assertThat(((io.meshward.policy.value.ObjectValue) v2).get("domain")).isEqualTo(str("Group"));
    assertThat(((io.meshward.policy.value.ObjectValue) v2).get("macvariables"))
        .isEqualTo(str("local:unicast"));
  }
}
