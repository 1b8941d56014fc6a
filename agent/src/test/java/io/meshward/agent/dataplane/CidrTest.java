package io.meshward.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void parsesToNetworkForm() {
    assertThat(Cidr.parse("10.1.2.3/24")).hasToString("10.1.2.0/24");
    assertThat(Cidr.parse("10.1.2.3")).hasToString("10.1.2.3/32");
    assertThat(Cidr.parse("fd00:0:0:0:0:0:0:1")).hasToString("fd00::1/128");
    assertThat(Cidr.parse("2001:db8:0:0:1:0:0:1/128")).hasToString("2001:db8::1:0:0:1/128");
    assertThat(Cidr.parse("::/0")).hasToString("::/0");
  }

  @Test
  void containment() {
    Cidr mesh = Cidr.parse("100.64.0.0/10");
    assertThat(mesh.contains(Cidr.parse("100.64.3.4/32"))).isTrue();
    assertThat(mesh.contains(Cidr.parse("100.128.0.1/32"))).isFalse();
    assertThat(mesh.contains(Cidr.parse("100.64.0.0/8"))).isFalse();
    assertThat(mesh.contains(Cidr.parse("fd00::1"))).isFalse();
  }

  @Test
  void refusesAnythingButLiterals() {
    for (String bad :
        new String[] {"dead.beef", "10.0.0.256/32", "10.0.0.1/33", "a::g", "", " /8"}) {
      assertThatThrownBy(() -> Cidr.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
