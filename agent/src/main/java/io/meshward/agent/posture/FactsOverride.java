package io.meshward.agent.posture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A testing aid: a JSON object whose keys replace collected facts (a null value removes the fact).
 * The file is read again whenever its modification time or size changes.
 */
public final class FactsOverride {

  private static final Logger LOG = Logger.getLogger(FactsOverride.class.getName());
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private FileTime seenModified;
  private long seenSize = -1;
  private Map<String, Object> current = Map.of();

  public FactsOverride(Path file) {
    this.file = file;
  }

  /** Reads the file once, failing with a clear message when it is not a JSON object. */
  public static FactsOverride load(Path file) {
    FactsOverride override = new FactsOverride(file);
    override.current = parse(file);
    override.remember();
    return override;
  }

  /** The override as of now; a file that broke since the last read keeps the last good content. */
  public synchronized Map<String, Object> current() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (!Objects.equals(modified, seenModified) || size != seenSize) {
        current = parse(file);
        seenModified = modified;
        seenSize = size;
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("facts override " + file + " ignored: " + e.getMessage());
    }
    return current;
  }

  /** The collected facts with the override applied. */
  public Map<String, Object> applyTo(Map<String, Object> collected) {
    return merge(collected, current());
  }

  public static Map<String, Object> merge(
      Map<String, Object> collected, Map<String, Object> override) {
    Map<String, Object> merged = new java.util.TreeMap<>(collected);
    override.forEach(
        (key, value) -> {
          if (value == null) {
            merged.remove(key);
          } else {
            merged.put(key, value);
          }
        });
    return merged;
  }

  static Map<String, Object> parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the facts override " + file + ": " + e.getMessage());
    }
    try {
      Object value = JSON.readValue(text, Object.class);
      if (!(value instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(
            "the facts override " + file + " must be a JSON object like {\"os.version\": \"11\"}");
      }
      Map<String, Object> facts = new LinkedHashMap<>();
      map.forEach((key, v) -> facts.put(String.valueOf(key), v));
      return facts;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "the facts override " + file + " is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private void remember() {
    try {
      seenModified = Files.getLastModifiedTime(file);
      seenSize = Files.size(file);
    } catch (IOException ignored) {
      // current() tries again.
    }
  }
}
