package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccountSnapshot;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@code input.source}/{@code input.destination} object of each peer of one snapshot, built
 * once on first use: id, name, user, sorted group names, mesh address, reported OS facts and
 * posture verdicts with their facts.
 */
final class PeerInputs {

  private final AccountSnapshot snapshot;
  private final Map<String, ObjectValue> os;
  private final Function<String, Map<String, Object>> posture;
  private final Map<String, ObjectValue> built = new ConcurrentHashMap<>();

  /**
   * @param os reported OS facts by peer id
   * @param posture a peer's posture as the posture host gives it to the policy
   */
  PeerInputs(
      AccountSnapshot snapshot,
      Map<String, ObjectValue> os,
      Function<String, Map<String, Object>> posture) {
    this.snapshot = snapshot;
    this.os = os;
    this.posture = posture;
  }

  AccountSnapshot snapshot() {
    return snapshot;
  }

  /** The peer object; the peer must be in the snapshot. */
  ObjectValue of(String peerId) {
    ObjectValue known = built.get(peerId); // lock-free on the hot path
    return known != null ? known : built.computeIfAbsent(peerId, this::build);
  }

  private ObjectValue build(String peerId) {
    AccountSnapshot.PeerFacts p = snapshot.peers().get(peerId);
    if (p == null) {
      throw new IllegalArgumentException("peer " + peerId + " is not in the account");
    }
    return ObjectValue.builder()
        .put("id", StringValue.of(p.id()))
        .put("name", StringValue.of(p.name()))
        .put("user", NullValue.INSTANCE)
        .put("groups", BundleData.strings(new TreeSet<>(p.groupNames())))
        .put(
            "address",
            p.meshAddress() == null ? NullValue.INSTANCE : StringValue.of(p.meshAddress()))
        .put("os", os.getOrDefault(peerId, ObjectValue.EMPTY))
        .put("posture", PlainValues.of(posture.apply(peerId)))
        .build();
  }

  /** The peer object restricted to {@code fields} (null: all of it), as a cache key. */
  Value projection(String peerId, java.util.Set<String> fields) {
    ObjectValue whole = of(peerId);
    if (fields == null) {
      return whole;
    }
    ObjectValue.Builder b = ObjectValue.builder();
    for (String f : fields) {
      Value v = whole.get(f);
      if (v != null) {
        b.put(f, v);
      }
    }
    return b.build();
  }
}
