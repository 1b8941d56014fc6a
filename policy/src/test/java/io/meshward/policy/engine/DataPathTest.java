package io.meshward.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataPathTest {

  @Test
  void parsesSlashSeparatedSegments() {
    assertThat(DataPath.parse("meshward/access").segments()).containsExactly("meshward", "access");
    assertThat(DataPath.parse("/meshward/access/").segments())
        .containsExactly("meshward", "access");
    assertThat(DataPath.parse("")).isEqualTo(DataPath.ROOT);
    assertThat(DataPath.parse("/")).isEqualTo(DataPath.ROOT);
  }

  @Test
  void rejectsEmptySegments() {
    assertThatThrownBy(() -> DataPath.parse("a//b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty segment");
  }

  @Test
  void writesIdentifiersWithDotsAndEverythingElseQuoted() {
    assertThat(DataPath.parse("meshward/access").toRegoRef()).isEqualTo("data.meshward.access");
    assertThat(DataPath.ROOT.toRegoRef()).isEqualTo("data");
    assertThat(new DataPath(List.of("x", "os-version", "in", "a\"b")).toRegoRef())
        .isEqualTo("data.x[\"os-version\"][\"in\"][\"a\\\"b\"]");
    assertThat(DataPath.parse("peers/0/+7/-2/0x1").toRegoRef())
        .isEqualTo("data.peers[0][7][-2][\"0x1\"]");
  }

  @Test
  void percentEncodesSegmentsForUrls() {
    assertThat(DataPath.parse("meshward/access").toUrlPath()).isEqualTo("/meshward/access");
    assertThat(new DataPath(List.of("a b", "ü/x", "os-version")).toUrlPath())
        .isEqualTo("/a%20b/%C3%BC%2Fx/os-version");
    assertThat(DataPath.ROOT.toUrlPath()).isEmpty();
  }
}
