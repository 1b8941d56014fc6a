package io.meshward.policy.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One OPA compliance case as read from YAML.
 *
 * @param file the YAML file
 * @param group the directory the file is in, relative to the root
 * @param fields the raw case mapping
 */
public record ConformanceCase(Path file, String group, Map<String, Object> fields) {

  public String note() {
    return String.valueOf(fields.get("note"));
  }

  public String query() {
    return (String) fields.get("query");
  }

  @SuppressWarnings("unchecked")
  public List<String> modules() {
    Object m = fields.get("modules");
    return m == null ? List.of() : (List<String>) m;
  }

  public boolean flag(String name) {
    return Boolean.TRUE.equals(fields.get(name));
  }

  public Object get(String name) {
    return fields.get(name);
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }
}
