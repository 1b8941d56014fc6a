package io.meshward.relay.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerIndexTest {

  @Test
  void intsStayStableWhenTheIndexGrows() {
    PeerIndex first = PeerIndex.empty().extendedWith(List.of("alice", "bob"));
    int alice = first.indexOf("alice");
    int bob = first.indexOf("bob");
    assertThat(alice).isPositive();
    assertThat(bob).isPositive().isNotEqualTo(alice);

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add("peer-" + i);
    }
    many.add("bob");
    PeerIndex second = first.extendedWith(many);
    assertThat(second.indexOf("alice")).isEqualTo(alice);
    assertThat(second.indexOf("bob")).isEqualTo(bob);
    assertThat(second.size()).isEqualTo(10_002);
    assertThat(new String(second.idBytes(second.indexOf("peer-77")), StandardCharsets.UTF_8))
        .isEqualTo("peer-77");
    assertThat(first.extendedWith(List.of("alice"))).isSameAs(first);
  }

  @Test
  void looksUpIdsInsideABufferWithoutCopying() {
    PeerIndex index = PeerIndex.empty().extendedWith(List.of("alice", "bob", "карл"));
    ByteBuf frame = Unpooled.buffer();
    frame.writeBytes("xxbobyy".getBytes(StandardCharsets.UTF_8));
    assertThat(index.indexOf(frame, 2, 3, new byte[128])).isEqualTo(index.indexOf("bob"));
    assertThat(index.indexOf(frame, 2, 2, new byte[128])).isEqualTo(PeerIndex.ABSENT);
    frame.clear().writeBytes("карл".getBytes(StandardCharsets.UTF_8));
    assertThat(index.indexOf(frame, 0, frame.readableBytes(), new byte[128]))
        .isEqualTo(index.indexOf("карл"));
    assertThat(index.indexOf("mallory")).isEqualTo(PeerIndex.ABSENT);
    frame.release();
  }

  @Test
  void everyIdLengthResolvesFromABuffer() {
    List<String> ids = new ArrayList<>();
    for (int length = 1; length <= 128; length++) {
      ids.add("x".repeat(length));
      ids.add("y".repeat(length - 1) + "z");
    }
    PeerIndex index = PeerIndex.empty().extendedWith(ids);
    byte[] scratch = new byte[128];
    for (String id : ids) {
      ByteBuf frame =
          Unpooled.buffer().writeByte(9).writeBytes(id.getBytes(StandardCharsets.UTF_8));
      assertThat(index.indexOf(frame, 1, id.length(), scratch)).isEqualTo(index.indexOf(id));
      assertThat(index.indexOf(id)).isPositive();
      frame.release();
    }
    assertThat(index.size()).isEqualTo(ids.size());
  }
}
