package io.meshward.policy.builtins.net;

import io.meshward.policy.builtins.Builtin;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.testkit.BuiltinHarness;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.time.Instant;
import java.util.List;

/**
 * A benchmark program (not a test) for the peer-address hot path: net.cidr_contains over IPv4 and
 * IPv6 operands, through the builtin table as the evaluator calls it. Run with the test classpath:
 * {@code java ... io.meshward.policy.builtins.net.CidrContainsBenchmark}.
 */
public final class CidrContainsBenchmark {

  private CidrContainsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Builtin contains =
        BuiltinTable.of(List.of(new NetBuiltins())).lookup("net.cidr_contains").orElseThrow();
    var ctx = new BuiltinHarness.FixedContext(Instant.now());
    int peers = 10_000;
    Value[][] v4 = new Value[peers][];
    Value[][] v6 = new Value[peers][];
    for (int i = 0; i < peers; i++) {
      v4[i] =
          new Value[] {
            StringValue.of("100.64.0.0/10"),
            StringValue.of("100." + (64 + (i >> 16 & 63)) + "." + (i >> 8 & 255) + "." + (i & 255))
          };
      v6[i] =
          new Value[] {
            StringValue.of("fd7a:115c:a1e0::/48"),
            StringValue.of("fd7a:115c:a1e0:ab12:" + Integer.toHexString(i) + "::1")
          };
    }
    for (String family : new String[] {"IPv4", "IPv6"}) {
      Value[][] cases = family.equals("IPv4") ? v4 : v6;
      long hits = 0;
      for (int round = 0; round < 40; round++) { // warm-up
        for (Value[] c : cases) {
          hits += contains.function().apply(ctx, c) == null ? 0 : 1;
        }
      }
      int rounds = 50;
      long start = System.nanoTime();
      for (int round = 0; round < rounds; round++) {
        for (Value[] c : cases) {
          hits += contains.function().apply(ctx, c) == null ? 0 : 1;
        }
      }
      long elapsed = System.nanoTime() - start;
      long calls = (long) rounds * peers;
      System.out.printf(
          "%s net.cidr_contains: %d calls, %.0f ns/call, %.1f M calls/s (checksum %d)%n",
          family, calls, (double) elapsed / calls, calls * 1e3 / elapsed, hits);
    }
  }
}
