package io.meshward.policy.builtins.strings;

import static io.meshward.policy.builtins.testkit.BuiltinHarness.parse;
import static io.meshward.policy.builtins.testkit.BuiltinHarness.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.StringValue;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

  private final BuiltinHarness opa = BuiltinHarness.ofValueFamilies();

  private String render(String template, String vars) throws BuiltinException {
    return ((StringValue) opa.callValues("strings.render_template", str(template), parse(vars)))
        .value();
  }

  @Test
  void fieldsAndMissingKeys() throws Exception {
    assertThat(
            render(
                "peer {{.name}} on {{.net.cidr}}",
                "{\"name\":\"a\",\"net\":{\"cidr\":\"10.0.0.0/8\"}}"))
        .isEqualTo("peer a on 10.0.0.0/8");
    assertThat(render("{{.port}}/{{.nope}}", "{\"port\": 51820}")).isEqualTo("51820/<undefined>");
    assertThat(
            render(
                "{{.list}} {{.obj}} {{.z}}",
                "{\"list\":[1,\"a\"],\"obj\":{\"b\":2,\"a\":1},\"z\":null}"))
        .isEqualTo("[1 a] map[a:1 b:2] <nil>");
  }

  @Test
  void rangeWithIndexAndElse() throws Exception {
    assertThat(
            render(
                "{{range $i, $p := .peers}}{{if $i}}, {{end}}{{$p}}{{else}}none{{end}}",
                "{\"peers\":[\"a\",\"b\",\"c\"]}"))
        .isEqualTo("a, b, c");
    assertThat(render("{{range .peers}}x{{else}}none{{end}}", "{\"peers\":[]}")).isEqualTo("none");
    assertThat(render("{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}", "{\"m\":{\"b\":2,\"a\":1}}"))
        .isEqualTo("a=1;b=2;");
    assertThat(render("{{range .items}}{{.id}} {{end}}", "{\"items\":[{\"id\":1},{\"id\":2}]}"))
        .isEqualTo("1 2 ");
  }

  @Test
  void conditionsFunctionsAndTrimMarkers() throws Exception {
    String t = "{{if eq .os \"linux\"}}L{{else if eq .os \"darwin\"}}D{{else}}?{{end}}";
    assertThat(render(t, "{\"os\":\"darwin\"}")).isEqualTo("D");
    assertThat(render(t, "{\"os\":\"plan9\"}")).isEqualTo("?");
    assertThat(render("{{if and .a (not .b)}}yes{{end}}", "{\"a\":1,\"b\":false}"))
        .isEqualTo("yes");
    assertThat(
            render("{{len .xs}} {{index .xs 1}} {{printf \"%03d\" .n}}", "{\"xs\":[5,6],\"n\":7}"))
        .isEqualTo("2 6 007");
    assertThat(render("a  {{- .x -}}  b", "{\"x\":\"-\"}")).isEqualTo("a-b");
    assertThat(render("{{/* note */}}{{with .u}}{{.name}}{{end}}", "{\"u\":{\"name\":\"n\"}}"))
        .isEqualTo("n");
    assertThat(render("{{$x := .a}}{{$x}}{{$x}}", "{\"a\":\"q\"}")).isEqualTo("qq");
    assertThat(render("{{.a | printf \"<%s>\"}}", "{\"a\":\"q\"}")).isEqualTo("<q>");
    assertThat(render("{{if lt .n 10}}small{{end}}", "{\"n\":3}")).isEqualTo("small");
  }

  @Test
  void malformedTemplatesFailClearly() {
    assertThatThrownBy(() -> render("{{if .a}}x", "{}")).hasMessageContaining("template:");
    assertThatThrownBy(() -> render("{{.a", "{}")).hasMessageContaining("unclosed action");
    assertThatThrownBy(() -> render("{{nosuch .a}}", "{}"))
        .hasMessageContaining("function \"nosuch\" not defined");
    assertThatThrownBy(() -> render("{{.a.b}}", "{\"a\":1}"))
        .hasMessageContaining("can't evaluate field b");
  }
}
