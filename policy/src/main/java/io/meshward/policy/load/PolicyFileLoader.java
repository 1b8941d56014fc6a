package io.meshward.policy.load;

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
 * Loads {@code -d} arguments the way {@code rego-cli eval -d} does: {@code .rego} files are
 * modules; {@code .json}/{@code .yaml}/{@code .yml} files are data placed at their directory's path
 * below the directory that was named; other files are ignored.
 *
 * <p>Kept here because the CLI's own loader is package-private to {@code cli}.
 */
public final class PolicyFileLoader {

  /**
   * What was loaded.
   *
   * @param modules file name to Rego source, in load order
   * @param data the merged base document
   */
  public record Loaded(Map<String, String> modules, Value data) {}

  /** A file could not be read or merged; the message names it and says why. */
  public static final class LoadException extends Exception {
    LoadException(String message) {
      super(message);
    }
  }

  private final Map<String, String> modules = new LinkedHashMap<>();
  private Value data = ObjectValue.EMPTY;

  private PolicyFileLoader() {}

  public static Loaded load(List<Path> paths) throws LoadException {
    PolicyFileLoader loader = new PolicyFileLoader();
    for (Path root : paths) {
      if (!Files.exists(root)) {
        throw new LoadException(root + ": no such file or directory (check the path)");
      }
      if (Files.isDirectory(root)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
          throw new LoadException(root + ": cannot list the directory: " + e.getMessage());
        }
        for (Path file : files) {
          loader.add(file, root.relativize(file.getParent()));
        }
      } else {
        loader.add(root, Path.of(""));
      }
    }
    return new Loaded(Map.copyOf(loader.modules), loader.data);
  }

  private void add(Path file, Path dataDir) throws LoadException {
    String name = file.getFileName().toString();
    try {
      if (name.endsWith(".rego")) {
        modules.put(file.toString(), Files.readString(file));
      } else if (name.endsWith(".json")) {
        mergeAt(file, dataDir, Json.parse(Files.readString(file)));
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        Object yaml =
            new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        mergeAt(file, dataDir, YamlValues.of(yaml));
      }
    } catch (IOException | RuntimeException e) {
      throw new LoadException(file + ": " + e.getMessage());
    }
  }

  private void mergeAt(Path file, Path dir, Value value) throws LoadException {
    List<String> keys = new ArrayList<>();
    dir.forEach(p -> keys.add(p.toString()));
    keys.removeIf(String::isEmpty);
    Value nested = value;
    for (int i = keys.size() - 1; i >= 0; i--) {
      nested = ObjectValue.of(Map.of(StringValue.of(keys.get(i)), nested));
    }
    if (!(nested instanceof ObjectValue)) {
      throw new LoadException(file + ": data at the root must be a JSON object");
    }
    Value merged = merge(data, nested);
    if (merged == null) {
      throw new LoadException(file + ": conflicts with data loaded from another file");
    }
    data = merged;
  }

  /** Deep merge of two objects; null when a key holds a non-object on either side. */
  private static Value merge(Value left, Value right) {
    if (!(left instanceof ObjectValue l) || !(right instanceof ObjectValue r)) {
      return null;
    }
    Map<Value, Value> out = new HashMap<>(l.asMap());
    for (Value key : r.keys()) {
      Value existing = out.get(key);
      Value next = existing == null ? r.get(key) : merge(existing, r.get(key));
      if (next == null) {
        return null;
      }
      out.put(key, next);
    }
    return ObjectValue.of(out);
  }
}
