package io.meshward.policy.builtins.encoding;

import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Resolves plain scalars the way OPA's YAML library (YAML 1.1 rules) does: {@code yes}, {@code on},
 * {@code y} are booleans, {@code 0x1f} and {@code 0o17} are integers, {@code ~} is null. Used both
 * to read and to decide which strings must be quoted when writing.
 */
final class Yaml11Schema implements Schema {

  static final Yaml11Schema INSTANCE = new Yaml11Schema();

  private static final Pattern BOOL =
      Pattern.compile(
          "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern INT =
      Pattern.compile("[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|0|[1-9][0-9_]*)");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

  private static final Map<Tag, ConstructNode> CONSTRUCTORS =
      new CoreSchema().getSchemaTagConstructors();

  private Yaml11Schema() {}

  static Tag resolve(String value) {
    if (NULL.matcher(value).matches()) {
      return Tag.NULL;
    }
    if (BOOL.matcher(value).matches()) {
      return Tag.BOOL;
    }
    if (INT.matcher(value).matches()) {
      return Tag.INT;
    }
    if (FLOAT.matcher(value).matches()) {
      return Tag.FLOAT;
    }
    return Tag.STR;
  }

  static boolean isTrue(String value) {
    return switch (value) {
      case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> true;
      default -> false;
    };
  }

  @Override
  public ScalarResolver getScalarResolver() {
    return (value, implicit) -> implicit ? resolve(value) : Tag.STR;
  }

  @Override
  public Map<Tag, ConstructNode> getSchemaTagConstructors() {
    return CONSTRUCTORS;
  }
}
