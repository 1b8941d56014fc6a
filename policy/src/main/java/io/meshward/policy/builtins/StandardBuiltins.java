package io.meshward.policy.builtins;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table of every builtin the engine ships, family by family.
 *
 * <p>Families are listed by class name rather than imported because the builtin developers' staging
 * build compiles this package without the family packages; a listed family that is missing from the
 * classpath fails loudly at first use (and in {@code StandardBuiltinsTest}).
 */
public final class StandardBuiltins {

  /** Every family, in registration order. Add a family here when it lands in the tree. */
  private static final List<String> FAMILIES =
      List.of(
          "io.meshward.policy.builtins.core.CoreBuiltins",
          "io.meshward.policy.builtins.aggregates.AggregateBuiltins",
          "io.meshward.policy.builtins.arrays.ArrayBuiltins",
          "io.meshward.policy.builtins.aws.AwsBuiltins",
          "io.meshward.policy.builtins.crypto.CryptoBuiltins",
          "io.meshward.policy.builtins.encoding.EncodingBuiltins",
          "io.meshward.policy.builtins.encoding.JsonBuiltins",
          "io.meshward.policy.builtins.encoding.YamlBuiltins",
          "io.meshward.policy.builtins.glob.GlobBuiltins",
          "io.meshward.policy.builtins.graph.GraphBuiltins",
          "io.meshward.policy.builtins.graphql.GraphqlBuiltins",
          "io.meshward.policy.builtins.http.HttpBuiltins",
          "io.meshward.policy.builtins.jsonschema.JsonSchemaBuiltins",
          "io.meshward.policy.builtins.jwt.JwtBuiltins",
          "io.meshward.policy.builtins.net.NetBuiltins",
          "io.meshward.policy.builtins.numbers.NumberBuiltins",
          "io.meshward.policy.builtins.objects.ObjectBuiltins",
          "io.meshward.policy.builtins.regex.RegexBuiltins",
          "io.meshward.policy.builtins.semver.SemverBuiltins",
          "io.meshward.policy.builtins.sets.SetBuiltins",
          "io.meshward.policy.builtins.strings.StringBuiltins",
          "io.meshward.policy.builtins.time.TimeBuiltins",
          "io.meshward.policy.builtins.types.TypeBuiltins",
          "io.meshward.policy.builtins.units.UnitsBuiltins",
          "io.meshward.policy.builtins.uri.UriBuiltins",
          "io.meshward.policy.builtins.uuid.UuidBuiltins");

  private static final BuiltinTable TABLE = BuiltinTable.of(families());

  private StandardBuiltins() {}

  /** Every builtin family, instantiated in registration order. */
  public static List<BuiltinFamily> families() {
    List<BuiltinFamily> out = new ArrayList<>();
    for (String name : FAMILIES) {
      try {
        out.add((BuiltinFamily) Class.forName(name).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new IllegalStateException("builtin family " + name + " cannot be loaded", e);
      }
    }
    return out;
  }

  /** The shared, immutable table of all builtins. */
  public static BuiltinTable table() {
    return TABLE;
  }
}
