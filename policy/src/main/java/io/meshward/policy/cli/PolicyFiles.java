package io.meshward.policy.cli;

import io.meshward.policy.conformance.YamlValues;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Loads policy files like {@code opa}: {@code .rego} files become modules; {@code .json} and {@code
 * .yaml} files become data at their directory's path below the directory given.
 */
final class PolicyFiles {

  final Map<String, String> modules = new LinkedHashMap<>();
  Value data = ObjectValue.EMPTY;

  /** A file could not be read or merged; the message says which and why. */
  static final class LoadException extends Exception {
    LoadException(String message) {
      super(message);
    }
  }

  static PolicyFiles load(List<Path> paths) throws LoadException {
    PolicyFiles out = new PolicyFiles();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new LoadException(p + ": no such file or directory (check the path)");
      }
      if (Files.isDirectory(p)) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(p)) {
          files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
          throw new LoadException(p + ": " + e.getMessage());
        }
        for (Path f : files) {
          out.add(f, p.relativize(f.getParent()));
        }
      } else {
        out.add(p, Path.of(""));
      }
    }
    return out;
  }

  private void add(Path file, Path dataDir) throws LoadException {
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".rego")) {
        modules.put(file.toString(), Files.readString(file));
      } else if (name.endsWith(".json")) {
        merge(file, dataDir, Json.parse(Files.readString(file)));
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        Object doc =
            new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        merge(file, dataDir, YamlValues.of(doc));
      }
    } catch (IOException | RuntimeException e) {
      throw new LoadException(file + ": " + e.getMessage());
    }
  }

  private void merge(Path file, Path dir, Value value) throws LoadException {
    List<String> segs = new ArrayList<>();
    for (Path p : dir) {
      if (!p.toString().isEmpty()) {
        segs.add(p.toString());
      }
    }
    Value wrapped = value;
    for (int i = segs.size() - 1; i >= 0; i--) {
      wrapped = ObjectValue.of(Map.of(StringValue.of(segs.get(i)), wrapped));
    }
    if (!(wrapped instanceof ObjectValue)) {
      throw new LoadException(file + ": data at the root must be a JSON object");
    }
    Value merged = deepMerge(data, wrapped);
    if (merged == null) {
      throw new LoadException(file + ": conflicts with data loaded from another file");
    }
    data = merged;
  }

  private static Value deepMerge(Value a, Value b) {
    if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
      Map<Value, Value> m = new HashMap<>(oa.asMap());
      for (Value k : ob.keys()) {
        Value prev = m.get(k);
        Value next = prev == null ? ob.get(k) : deepMerge(prev, ob.get(k));
        if (next == null) {
          return null;
        }
        m.put(k, next);
      }
      return ObjectValue.of(m);
    }
    return null;
  }
}
