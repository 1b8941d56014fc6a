package io.meshward.policy.ast;

import java.util.List;

/**
 * One parsed source file.
 *
 * @param packagePath the package path below {@code data}, e.g. {@code ["authz", "rbac"]}
 * @param imports the imports in source order
 * @param rules the rules in source order
 * @param packageAnnotations METADATA blocks attached to the package (scope package/subpackages)
 */
public record Module(
    String file,
    Location loc,
    List<String> packagePath,
    List<Import> imports,
    List<Rule> rules,
    List<Annotations> packageAnnotations) {

  /** {@code import data.x.y as z}: {@code path} includes the root. */
  public record Import(List<String> path, String alias, Location loc) {

    /** The name the import binds in the module. */
    public String name() {
      return alias != null ? alias : path.get(path.size() - 1);
    }
  }
}
