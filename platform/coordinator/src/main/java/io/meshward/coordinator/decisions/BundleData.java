package io.meshward.coordinator.decisions;

import io.meshward.coordinator.networkmap.AccountSnapshot;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The data document decisions see: the bundle's own data, with {@code data.meshward.groups} ({@code
 * {"<group>": {"members": [peer ids]}}}) and {@code data.meshward.peers} ({@code {"<id>": {"name",
 * "groups"}}}) filled in from the account.
 */
final class BundleData {

  private BundleData() {}

  /** The bundle's data JSON as a Rego object; null or blank is the empty object. */
  static Value parse(String dataJson) {
    if (dataJson == null || dataJson.isBlank()) {
      return ObjectValue.EMPTY;
    }
    Value data;
    try {
      data = Json.parse(dataJson);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the data document is not valid JSON: " + e.getMessage());
    }
    if (!(data instanceof ObjectValue)) {
      throw new IllegalArgumentException("the data document must be a JSON object");
    }
    return data;
  }

  /** Bundle data merged with the account's groups and peers (the account's win on conflict). */
  static ObjectValue of(String dataJson, AccountSnapshot snapshot) {
    ObjectValue data = (ObjectValue) parse(dataJson);
    Map<String, TreeSet<String>> members = new TreeMap<>();
    snapshot.groupNamesById().values().forEach(g -> members.put(g, new TreeSet<>()));
    ObjectValue.Builder peers = ObjectValue.builder();
    for (AccountSnapshot.PeerFacts p : new TreeMap<>(snapshot.peers()).values()) {
      TreeSet<String> groups = new TreeSet<>(p.groupNames());
      groups.forEach(g -> members.computeIfAbsent(g, k -> new TreeSet<>()).add(p.id()));
      peers.put(
          p.id(),
          ObjectValue.builder()
              .put("name", StringValue.of(p.name()))
              .put("groups", strings(groups))
              .build());
    }
    ObjectValue.Builder groups = ObjectValue.builder();
    members.forEach(
        (g, ids) -> groups.put(g, ObjectValue.builder().put("members", strings(ids)).build()));
    Value existing = data.get("meshward");
    ObjectValue meshward = existing instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    meshward =
        meshward
            .with(StringValue.of("groups"), groups.build())
            .with(StringValue.of("peers"), peers.build());
    return data.with(StringValue.of("meshward"), meshward);
  }

  /** Bundle data with empty account documents, for policies that never read them. */
  static ObjectValue withoutAccount(String dataJson) {
    ObjectValue data = (ObjectValue) parse(dataJson);
    Value existing = data.get("meshward");
    ObjectValue meshward = existing instanceof ObjectValue o ? o : ObjectValue.EMPTY;
    meshward =
        meshward
            .with(StringValue.of("groups"), ObjectValue.EMPTY)
            .with(StringValue.of("peers"), ObjectValue.EMPTY);
    return data.with(StringValue.of("meshward"), meshward);
  }

  static ArrayValue strings(Iterable<String> values) {
    List<Value> out = new ArrayList<>();
    values.forEach(v -> out.add(StringValue.of(v)));
    return ArrayValue.of(out);
  }
}
