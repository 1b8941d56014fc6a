package io.meshward.policy.builtins.uuid;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;

/** Random (version 4) UUIDs, stable within one evaluation per key, and UUID parsing. */
public final class UuidBuiltins implements BuiltinFamily {

  /** 100-nanosecond intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
  private static final long GREGORIAN_TO_UNIX = 0x01B21DD213814000L;

  private final Random random;

  public UuidBuiltins() {
    this(new SecureRandom());
  }

  /** With a chosen source of randomness (tests use a seeded one). */
  public UuidBuiltins(Random random) {
    this.random = random;
  }

  @Override
  public void register(BuiltinTable.Builder table) {
    table.addNondeterministic("uuid.rfc4122", "(string) -> string", this::randomUuid);
    table.add("uuid.parse", "(string) -> object[string: any]", UuidBuiltins::parse);
  }

  private Value randomUuid(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String key = Args.string(args, 0);
    record Key(String key) {}
    return ctx.memoize(new Key(key), k -> StringValue.of(newVersion4()));
  }

  private String newVersion4() {
    byte[] b = new byte[16];
    synchronized (random) {
      random.nextBytes(b);
    }
    b[6] = (byte) ((b[6] & 0x0F) | 0x40);
    b[8] = (byte) ((b[8] & 0x3F) | 0x80);
    StringBuilder s = new StringBuilder(36);
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        s.append('-');
      }
      s.append(Character.forDigit((b[i] >> 4) & 0xF, 16))
          .append(Character.forDigit(b[i] & 0xF, 16));
    }
    return s.toString();
  }

  /** The UUID's fields, or undefined when the string is not a UUID in a form Go accepts. */
  private static Value parse(BuiltinContext ctx, Value[] args) throws BuiltinException {
    byte[] b = bytes(Args.string(args, 0));
    if (b == null) {
      return null;
    }
    int version = (b[6] >> 4) & 0xF;
    ObjectValue.Builder out = ObjectValue.builder();
    out.put("version", NumberValue.of(version));
    out.put("variant", StringValue.of(variant(b[8])));
    if (version == 1 || version == 2) {
      long timeLow =
          ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
      long timeMid = ((b[4] & 0xFFL) << 8) | (b[5] & 0xFFL);
      long timeHigh = ((b[6] & 0x0FL) << 8) | (b[7] & 0xFFL);
      long gregorian = (timeHigh << 48) | (timeMid << 32) | timeLow;
      BigInteger unixNanos =
          BigInteger.valueOf(gregorian - GREGORIAN_TO_UNIX).multiply(BigInteger.valueOf(100));
      out.put("time", NumberValue.of(unixNanos));
      out.put("clocksequence", NumberValue.of(((b[8] & 0x3F) << 8) | (b[9] & 0xFF)));
      StringBuilder node = new StringBuilder();
      for (int i = 10; i < 16; i++) {
        if (i > 10) {
          node.append('-');
        }
        node.append(Character.forDigit((b[i] >> 4) & 0xF, 16))
            .append(Character.forDigit(b[i] & 0xF, 16));
      }
      out.put("nodeid", StringValue.of(node.toString()));
      out.put(
          "macvariables",
          StringValue.of(
              ((b[10] & 0x02) != 0 ? "local" : "global")
                  + ":"
                  + ((b[10] & 0x01) != 0 ? "multicast" : "unicast")));
      if (version == 2) {
        out.put("id", NumberValue.of(timeLow));
        out.put("domain", StringValue.of(domain(b[9] & 0xFF)));
      }
    }
    return out.build();
  }

  private static String variant(byte b) {
    if ((b & 0x80) == 0) {
      return "Reserved";
    }
    if ((b & 0xC0) == 0x80) {
      return "RFC4122";
    }
    if ((b & 0xE0) == 0xC0) {
      return "Microsoft";
    }
    return "Future";
  }

  private static String domain(int d) {
    return switch (d) {
      case 0 -> "Person";
      case 1 -> "Group";
      case 2 -> "Org";
      default -> "Domain" + d;
    };
  }

  /**
   * The 16 bytes of a UUID written as Go's google/uuid accepts it: 36 characters with dashes,
   * wrapped in any two characters (38), prefixed {@code urn:uuid:} in any case (45), or 32 hex
   * digits.
   */
  static byte[] bytes(String s) {
    String core;
    switch (s.length()) {
      case 36 -> core = s;
      case 38 -> core = s.substring(1, 37);
      case 45 -> {
        if (!s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
          return null;
        }
        core = s.substring(9);
      }
      case 32 -> {
        return hex(s, new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30});
      }
      default -> {
        return null;
      }
    }
    if (core.charAt(8) != '-'
        || core.charAt(13) != '-'
        || core.charAt(18) != '-'
        || core.charAt(23) != '-') {
      return null;
    }
    return hex(core, new int[] {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34});
  }

  private static byte[] hex(String s, int[] offsets) {
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      int hi = hexDigit(s.charAt(offsets[i]));
      int lo = hexDigit(s.charAt(offsets[i] + 1));
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static int hexDigit(char c) {
    return c < 128 ? Character.digit(c, 16) : -1;
  }
}
