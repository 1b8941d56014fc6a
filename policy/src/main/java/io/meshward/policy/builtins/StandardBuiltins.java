package io.meshward.policy.builtins;

import io.meshward.policy.builtins.aggregates.AggregateBuiltins;
import io.meshward.policy.builtins.arrays.ArrayBuiltins;
import io.meshward.policy.builtins.aws.AwsBuiltins;
import io.meshward.policy.builtins.core.CoreBuiltins;
import io.meshward.policy.builtins.crypto.CryptoBuiltins;
import io.meshward.policy.builtins.encoding.EncodingBuiltins;
import io.meshward.policy.builtins.encoding.JsonBuiltins;
import io.meshward.policy.builtins.encoding.YamlBuiltins;
import io.meshward.policy.builtins.glob.GlobBuiltins;
import io.meshward.policy.builtins.graph.GraphBuiltins;
import io.meshward.policy.builtins.graphql.GraphqlBuiltins;
import io.meshward.policy.builtins.http.HttpBuiltins;
import io.meshward.policy.builtins.jsonschema.JsonSchemaBuiltins;
import io.meshward.policy.builtins.jwt.JwtBuiltins;
import io.meshward.policy.builtins.net.NetBuiltins;
import io.meshward.policy.builtins.numbers.NumberBuiltins;
import io.meshward.policy.builtins.objects.ObjectBuiltins;
import io.meshward.policy.builtins.regex.RegexBuiltins;
import io.meshward.policy.builtins.semver.SemverBuiltins;
import io.meshward.policy.builtins.sets.SetBuiltins;
import io.meshward.policy.builtins.strings.StringBuiltins;
import io.meshward.policy.builtins.time.TimeBuiltins;
import io.meshward.policy.builtins.types.TypeBuiltins;
import io.meshward.policy.builtins.units.UnitsBuiltins;
import io.meshward.policy.builtins.uri.UriBuiltins;
import io.meshward.policy.builtins.uuid.UuidBuiltins;
import java.util.List;

/** The one table of every builtin the engine ships, family by family. */
public final class StandardBuiltins {

  private static final BuiltinTable TABLE = BuiltinTable.of(families());

  private StandardBuiltins() {}

  /** Every builtin family, in registration order. */
  public static List<BuiltinFamily> families() {
    return List.of(
        new CoreBuiltins(),
        new AggregateBuiltins(),
        new ArrayBuiltins(),
        new AwsBuiltins(),
        new CryptoBuiltins(),
        new EncodingBuiltins(),
        new JsonBuiltins(),
        new YamlBuiltins(),
        new GlobBuiltins(),
        new GraphBuiltins(),
        new GraphqlBuiltins(),
        new HttpBuiltins(),
        new JsonSchemaBuiltins(),
        new JwtBuiltins(),
        new NetBuiltins(),
        new NumberBuiltins(),
        new ObjectBuiltins(),
        new RegexBuiltins(),
        new SemverBuiltins(),
        new SetBuiltins(),
        new StringBuiltins(),
        new TimeBuiltins(),
        new TypeBuiltins(),
        new UnitsBuiltins(),
        new UriBuiltins(),
        new UuidBuiltins());
  }

  /** The shared, immutable table of all builtins. */
  public static BuiltinTable table() {
    return TABLE;
  }
}
