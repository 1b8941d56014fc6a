package io.meshward.policy.builtins.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void staysBounded() throws Exception {
    BoundedCache<String, String> cache = new BoundedCache<>(3);
    for (int i = 0; i < 10; i++) {
      String key = "k" + i;
      assertThat(cache.get(key, k -> k.toUpperCase())).isEqualTo(key.toUpperCase());
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void returnsTheCachedValueWithoutCompilingAgain() throws Exception {
    BoundedCache<String, Object> cache = new BoundedCache<>(3);
    Object first = cache.get("k", k -> new Object());
    assertThat(cache.get("k", k -> new Object())).isSameAs(first);
  }

  @Test
  void doesNotCacheAFailedCompilation() throws Exception {
    BoundedCache<String, String> cache = new BoundedCache<>(3);
    assertThatThrownBy(
            () ->
                cache.get(
                    "bad",
                    k -> {
                      throw new Exception("no");
                    }))
        .hasMessage("no");
    assertThat(cache.size()).isZero();
    assertThat(cache.get("bad", k -> "ok")).isEqualTo("ok");
  }

  @Test
  void rejectsANonPositiveBound() {
    assertThatThrownBy(() -> new BoundedCache<String, String>(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
