package io.meshward.plugin.api;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The device a check judges.
 *
 * @param id the device's stable id
 * @param facts what the device's agent reported, under flat dotted names such as {@code
 *     os.platform} (see docs/plugin-authoring.md for the format)
 * @param address the address it connects from, if known
 */
public record Device(String id, Map<String, FactValue> facts, Optional<InetAddress> address) {

  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(address, "address");
    TreeMap<String, FactValue> sorted = new TreeMap<>();
    facts.forEach(
        (k, v) ->
            sorted.put(
                Objects.requireNonNull(k, "fact name"),
                Objects.requireNonNull(v, () -> "fact '" + k + "' cannot be null")));
    facts = Collections.unmodifiableMap(sorted);
  }

  /** The reported fact {@code name}, if present. */
  public Optional<FactValue> fact(String name) {
    return Optional.ofNullable(facts.get(name));
  }

  /** The reported fact {@code name} if it is present and a string. */
  public Optional<String> text(String name) {
    return fact(name)
        .filter(FactValue.StringValue.class::isInstance)
        .map(v -> ((FactValue.StringValue) v).value());
  }
}
