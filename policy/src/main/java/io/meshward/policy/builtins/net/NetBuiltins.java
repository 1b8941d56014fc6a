package io.meshward.policy.builtins.net;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.SetValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code net.*} builtins: CIDR arithmetic for IPv4 and IPv6 on two-long addresses (no byte
 * arrays or big integers on the containment path), and DNS lookups via the system resolver.
 */
public final class NetBuiltins implements BuiltinFamily {

  /** net.cidr_expand lists at most 2^24 addresses (an IPv4 /8). */
  private static final int MAX_EXPAND_HOST_BITS = 24;

  private static final String CIDR_OPERAND =
      "string|array[string|array[any]]|object[string: string|array[any]]|set[string|array[any]]";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add("net.cidr_contains", "(string, string) -> boolean", NetBuiltins::cidrContains);
    // Deprecated alias that OPA still serves with the same implementation.
    table.add("net.cidr_overlap", "(string, string) -> boolean", NetBuiltins::cidrContains);
    table.add("net.cidr_intersects", "(string, string) -> boolean", NetBuiltins::cidrIntersects);
    table.add(
        "net.cidr_contains_matches",
        "(" + CIDR_OPERAND + ", " + CIDR_OPERAND + ") -> set[[any, any]]",
        NetBuiltins::containsMatches);
    table.add("net.cidr_expand", "(string) -> set[string]", NetBuiltins::expand);
    table.add(
        "net.cidr_is_valid",
        "(string) -> boolean",
        (ctx, args) ->
            BooleanValue.of(args[0] instanceof StringValue s && IpPrefix.parse(s.value()) != null));
    table.add("net.cidr_merge", "(array[string]|set[string]) -> set[string]", NetBuiltins::merge);
    table.addNondeterministic(
        "net.lookup_ip_addr", "(string) -> set[string]", NetBuiltins::lookupIpAddr);
  }

  private static IpPrefix prefixOperand(Value[] args, int index) throws BuiltinException {
    String text = Args.string(args, index);
    IpPrefix prefix = IpPrefix.parse(text);
    if (prefix == null) {
      throw new BuiltinException("invalid CIDR address: " + text);
    }
    return prefix;
  }

  private static Value cidrContains(BuiltinContext ctx, Value[] args) throws BuiltinException {
    return BooleanValue.of(contains(prefixOperand(args, 0), args[1]));
  }

  /** Whether the block contains the address or the whole block written in {@code b}. */
  private static boolean contains(IpPrefix a, Value b) throws BuiltinException {
    if (!(b instanceof StringValue s)) {
      throw Args.typeError(1, b, "string");
    }
    String text = s.value();
    IpAddress ip = IpAddress.parse(text);
    if (ip != null) {
      return a.contains(ip);
    }
    IpPrefix other = IpPrefix.parse(text);
    if (other == null) {
      throw new BuiltinException(
          "not a valid textual representation of an IP address or CIDR: " + text);
    }
    return a.contains(other.network()) && a.contains(other.last());
  }

  private static Value cidrIntersects(BuiltinContext ctx, Value[] args) throws BuiltinException {
    IpPrefix a = prefixOperand(args, 0);
    IpPrefix b = prefixOperand(args, 1);
    return BooleanValue.of(a.contains(b.network()) || b.contains(a.network()));
  }

  /** One CIDR (or address) of a cidr_contains_matches operand and the key it reports. */
  private record Match(Value cidr, Value key) {}

  private static Value containsMatches(BuiltinContext ctx, Value[] args) throws BuiltinException {
    List<Match> left = matches(args[0], 1);
    List<Match> right = null;
    Set<Value> result = new LinkedHashSet<>();
    for (Match l : left) {
      if (!(l.cidr() instanceof StringValue)) {
        throw Args.typeError(0, l.cidr(), "string");
      }
      IpPrefix prefix = prefixOperand(new Value[] {l.cidr()}, 0);
      if (right == null) {
        right = matches(args[1], 2);
      }
      for (Match r : right) {
        if (contains(prefix, r.cidr())) {
          result.add(ArrayValue.of(l.key(), r.key()));
        }
      }
    }
    return SetValue.of(result);
  }

  private static List<Match> matches(Value operand, int position) throws BuiltinException {
    List<Match> out = new ArrayList<>();
    switch (operand) {
      case StringValue s -> out.add(new Match(s, s));
      case ArrayValue a -> {
        for (int i = 0; i < a.size(); i++) {
          out.add(new Match(matchCidr(a.get(i), position), NumberValue.of(i)));
        }
      }
      case SetValue s -> {
        for (Value v : s) {
          out.add(new Match(matchCidr(v, position), v));
        }
      }
      case ObjectValue o -> {
        for (Value k : o.keys()) {
          out.add(new Match(matchCidr(o.get(k), position), k));
        }
      }
      default -> {}
    }
    return out;
  }

  private static Value matchCidr(Value element, int position) throws BuiltinException {
    if (element instanceof StringValue) {
      return element;
    }
    if (element instanceof ArrayValue a && !a.isEmpty()) {
      return a.get(0);
    }
    throw new BuiltinException(
        "operand " + position + ": element must be string or non-empty array");
  }

  private static Value expand(BuiltinContext ctx, Value[] args) throws BuiltinException {
    IpPrefix prefix = prefixOperand(args, 0);
    int hostBits = 128 - prefix.bits();
    // OPA relies on its query timeout alone; a shared JVM must not fill its heap first, so blocks
    // larger than an IPv4 /8 are refused up front.
    if (hostBits > MAX_EXPAND_HOST_BITS) {
      throw new BuiltinException(
          "CIDR block too large to expand: "
              + prefix
              + " has more than "
              + (1 << MAX_EXPAND_HOST_BITS)
              + " addresses");
    }
    long remaining = 1L << hostBits;
    List<Value> addresses = new ArrayList<>((int) Math.min(remaining, 1 << 16));
    long hi = prefix.network().hi();
    long lo = prefix.network().lo();
    for (long i = 0; i < remaining; i++) {
      if ((i & 1023) == 1023) {
        ctx.checkBudget();
      }
      addresses.add(StringValue.of(new IpAddress(hi, lo).toString()));
      lo++;
      if (lo == 0) {
        hi++;
      }
    }
    return SetValue.of(addresses);
  }

  private static Value merge(BuiltinContext ctx, Value[] args) throws BuiltinException {
    List<Value> elements =
        switch (args[0]) {
          case ArrayValue a -> a.elements();
          case SetValue s -> s.elements();
          default -> throw new BuiltinException("operand must be an array");
        };
    List<IpPrefix> v4 = new ArrayList<>();
    List<IpPrefix> v6 = new ArrayList<>();
    for (Value element : elements) {
      IpPrefix p = mergeOperand(element);
      (p.isV4() ? v4 : v6).add(p);
    }
    List<Value> out = new ArrayList<>();
    for (IpPrefix p : CidrMerger.merge(v4)) {
      out.add(StringValue.of(p.toString()));
    }
    for (IpPrefix p : CidrMerger.merge(v6)) {
      out.add(StringValue.of(p.toString()));
    }
    return SetValue.of(out);
  }

  /** A CIDR, or a bare IPv4 address with its classful default mask, as OPA reads them. */
  private static IpPrefix mergeOperand(Value element) throws BuiltinException {
    if (!(element instanceof StringValue s)) {
      throw new BuiltinException("element must be string");
    }
    String text = s.value();
    IpAddress ip = IpAddress.parse(text);
    if (ip == null) {
      IpPrefix p = IpPrefix.parse(text);
      if (p == null) {
        throw new BuiltinException("invalid CIDR address: " + text);
      }
      return p;
    }
    if (!ip.isV4()) {
      throw new BuiltinException("IPv6 invalid: needs prefix length");
    }
    long first = (ip.lo() >>> 24) & 0xff;
    int classful = first < 0x80 ? 8 : first < 0xc0 ? 16 : 24;
    return IpPrefix.of(ip, 96 + classful);
  }

  private static Value lookupIpAddr(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String name = Args.string(args, 0);
    Object result =
        ctx.memoize(
            List.of("net.lookup_ip_addr", name),
            key -> {
              try {
                return resolve(name);
              } catch (BuiltinException e) {
                return e;
              }
            });
    if (result instanceof BuiltinException e) {
      throw e;
    }
    return (Value) result;
  }

  private static Value resolve(String name) throws BuiltinException {
    // Java accepts "" (loopback) and "[::1]"; Go's resolver does not.
    if (name.isEmpty() || name.startsWith("[")) {
      throw new BuiltinException("lookup " + name + ": no such host");
    }
    InetAddress[] found;
    try {
      found = InetAddress.getAllByName(name);
    } catch (UnknownHostException e) {
      throw new BuiltinException("lookup " + name + ": no such host");
    } catch (SecurityException e) {
      throw new BuiltinException("lookup " + name + ": " + e.getMessage());
    }
    List<Value> out = new ArrayList<>(found.length);
    for (InetAddress a : found) {
      String text = IpAddress.fromBytes(a.getAddress()).toString();
      if (a instanceof Inet6Address v6 && v6.getScopedInterface() != null) {
        text += "%" + v6.getScopedInterface().getName();
      } else if (a instanceof Inet6Address v6 && v6.getScopeId() != 0) {
        text += "%" + v6.getScopeId();
      }
      out.add(StringValue.of(text));
    }
    return SetValue.of(out);
  }

  /** Merges CIDR blocks of one family into the fewest blocks covering the same addresses. */
  static final class CidrMerger {
    private CidrMerger() {}

    static List<IpPrefix> merge(List<IpPrefix> prefixes) {
      List<IpPrefix> out = new ArrayList<>();
      if (prefixes.isEmpty()) {
        return out;
      }
      List<BigInteger[]> ranges = new ArrayList<>(prefixes.size());
      for (IpPrefix p : prefixes) {
        ranges.add(new BigInteger[] {p.firstInteger(), p.lastInteger()});
      }
      ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
      BigInteger start = ranges.get(0)[0];
      BigInteger end = ranges.get(0)[1];
      for (int i = 1; i < ranges.size(); i++) {
        BigInteger[] r = ranges.get(i);
        if (r[0].compareTo(end.add(BigInteger.ONE)) <= 0) {
          end = end.max(r[1]);
        } else {
          split(start, end, out);
          start = r[0];
          end = r[1];
        }
      }
      split(start, end, out);
      return out;
    }

    /** Covers [start, end] with the largest aligned blocks. */
    private static void split(BigInteger start, BigInteger end, List<IpPrefix> out) {
      BigInteger next = start;
      while (next.compareTo(end) <= 0) {
        int size = next.signum() == 0 ? 128 : next.getLowestSetBit();
        size = Math.min(size, 128);
        while (size > 0
            && next.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end)
                > 0) {
          size--;
        }
        out.add(IpPrefix.of(IpPrefix.fromInteger(next), 128 - size));
        next = next.add(BigInteger.ONE.shiftLeft(size));
      }
    }
  }
}
