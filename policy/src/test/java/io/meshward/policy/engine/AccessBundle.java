package io.meshward.policy.engine;

import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The test connection policy (package {@code meshward.access}) and the inputs it is decided over.
 */
public final class AccessBundle {

  public static final DataPath ACCESS = DataPath.parse("meshward/access");
  public static final DataPath ALLOW = DataPath.parse("meshward/access/allow");

  private AccessBundle() {}

  /** A directory of test resources, e.g. {@code access-bundle}. */
  public static Path dir(String name) {
    try {
      return Path.of(AccessBundle.class.getResource("/io/meshward/policy/engine/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bundle's module, keyed by file name. */
  public static Map<String, String> modules() {
    Path file = dir("access-bundle").resolve("access.rego");
    return Map.of(file.toString(), read(file));
  }

  /** The bundle's data, as {@code -d} would place it: {@code data.meshward.pairs}. */
  public static Value data() {
    Value pairs = Json.parse(read(dir("access-bundle").resolve("meshward/pairs/data.json")));
    return ObjectValue.ofStrings("meshward", ObjectValue.ofStrings("pairs", pairs));
  }

  /** Every {@code .rego} file directly in {@code dir}, keyed by path. */
  public static Map<String, String> modulesIn(Path dir) {
    Map<String, String> out = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".rego"))
          .forEach(f -> out.put(f.toString(), read(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A connection request: source groups and os-version verdict (null: no fact), destination. */
  public static Value input(List<String> sourceGroups, String osVerdict, List<String> destGroups) {
    StringBuilder sb = new StringBuilder("{\"source\":{\"groups\":");
    sb.append(array(sourceGroups));
    if (osVerdict != null) {
      sb.append(",\"posture\":{\"os-version\":{\"verdict\":\"").append(osVerdict).append("\"}}");
    }
    sb.append("},\"destination\":{\"groups\":").append(array(destGroups)).append("}}");
    return Json.parse(sb.toString());
  }

  private static String array(List<String> items) {
    List<String> quoted = new ArrayList<>();
    items.forEach(i -> quoted.add("\"" + i + "\""));
    return "[" + String.join(",", quoted) + "]";
  }

  /**
   * A labelled connection request and whether the policy must allow it.
   *
   * @param label what the case shows
   * @param input the request
   * @param allowed the expected {@code allow}
   */
  public record Case(String label, Value input, boolean allowed) {
    @Override
    public String toString() {
      return label;
    }
  }

  /** The table every engine is checked over. */
  public static List<Case> cases() {
    return List.of(
        new Case(
            "engineering to build server",
            input(List.of("engineering"), "pass", List.of("build-servers")),
            true),
        new Case(
            "engineering to build server without posture facts",
            input(List.of("engineering"), null, List.of("build-servers")),
            true),
        new Case(
            "engineering with failing OS is denied",
            input(List.of("engineering"), "fail", List.of("build-servers")),
            false),
        new Case(
            "support to build server is not a pair",
            input(List.of("support"), "pass", List.of("build-servers")),
            false),
        new Case(
            "support to ticketing", input(List.of("support"), "pass", List.of("ticketing")), true),
        new Case(
            "admin with healthy OS to anything",
            input(List.of("admins"), "pass", List.of("databases")),
            true),
        new Case(
            "admin with unknown OS verdict",
            input(List.of("admins"), "unknown", List.of("databases")),
            false),
        new Case(
            "admin without posture facts fails closed",
            input(List.of("admins"), null, List.of("databases")),
            false),
        new Case(
            "admin to quarantined destination",
            input(List.of("admins"), "pass", List.of("databases", "quarantine")),
            false),
        new Case("no groups at all", input(List.of(), "pass", List.of("build-servers")), false),
        new Case("empty object input", ObjectValue.EMPTY, false));
  }
}
