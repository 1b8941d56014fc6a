package io.meshward.plugins.geolocation;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactType;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * Judges the country and region the device connects from, looked up in a MaxMind database.
 *
 * <p>Configuration: {@code database} (path to a GeoIP2/GeoLite2 City or Country {@code .mmdb} file,
 * required); {@code allow-countries}, {@code deny-countries} (ISO 3166-1 codes such as {@code
 * DE,FR}); {@code allow-regions}, {@code deny-regions} (ISO 3166-2 codes such as {@code US-CA});
 * {@code valid-for} (ISO-8601, default PT5M). Deny lists win; with any allow list set, an address
 * must match one of them.
 */
@Extension
public class GeolocationCheck implements PostureCheck {

  private final GeoDatabase.Cache databases = new GeoDatabase.Cache();

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(
        new FactDeclaration("country", FactType.STRING, "ISO 3166-1 code of the address"),
        new FactDeclaration("regions", FactType.LIST, "ISO 3166-2 codes of the address"));
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    Duration validity;
    try {
      validity = context.setting("valid-for").map(Duration::parse).orElse(Duration.ofMinutes(5));
    } catch (DateTimeParseException e) {
      return PostureResult.unknown(
          "config valid-for '"
              + context.config().get("valid-for")
              + "' is not an ISO-8601 duration");
    }
    return judge(device, context).validFor(validity);
  }

  private PostureResult judge(Device device, CheckContext context) {
    Set<String> allowCountries = codes(context, "allow-countries");
    Set<String> denyCountries = codes(context, "deny-countries");
    Set<String> allowRegions = codes(context, "allow-regions");
    Set<String> denyRegions = codes(context, "deny-regions");
    if (allowCountries.isEmpty()
        && denyCountries.isEmpty()
        && allowRegions.isEmpty()
        && denyRegions.isEmpty()) {
      return PostureResult.unknown(
          "no allow or deny list is configured (set allow-countries, deny-countries,"
              + " allow-regions or deny-regions)");
    }
    Optional<String> databaseSetting = context.setting("database");
    if (databaseSetting.isEmpty()) {
      return PostureResult.unknown("no MaxMind database is configured (set database)");
    }
    Path file = Path.of(databaseSetting.get());
    if (!Files.isReadable(file)) {
      return PostureResult.unknown("MaxMind database " + file + " cannot be read");
    }
    Optional<InetAddress> address = device.address();
    if (address.isEmpty()) {
      return PostureResult.unknown("the device's connecting address is unknown");
    }
    String shown = address.get().getHostAddress();
    Optional<String> notPublic = AddressScope.whyNotPublic(address.get());
    if (notPublic.isPresent()) {
      return PostureResult.unknown(
          "address " + shown + " is " + notPublic.get() + " and has no location");
    }
    Optional<GeoDatabase.Location> found;
    try {
      found = databases.open(file).locate(address.get());
    } catch (IOException | RuntimeException e) {
      context.log().warn("MaxMind lookup failed for " + file + ": " + e.getMessage());
      return PostureResult.unknown(
          "MaxMind database " + file + " could not be read: " + e.getMessage());
    }
    if (found.isEmpty()) {
      return PostureResult.unknown("address " + shown + " is not in the MaxMind database");
    }
    GeoDatabase.Location location = found.get();
    String country = location.country().toUpperCase(Locale.ROOT);
    List<String> regions =
        location.regions().stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
    PostureResult result =
        decide(shown, country, regions, allowCountries, denyCountries, allowRegions, denyRegions);
    return result
        .withFact("country", FactValue.of(country))
        .withFact("regions", FactValue.ofList(regions.stream().map(FactValue::of).toList()));
  }

  private static PostureResult decide(
      String address,
      String country,
      List<String> regions,
      Set<String> allowCountries,
      Set<String> denyCountries,
      Set<String> allowRegions,
      Set<String> denyRegions) {
    String where = regions.isEmpty() ? country : country + " " + regions;
    if (denyCountries.contains(country)) {
      return PostureResult.fail("address " + address + " is in denied country " + country);
    }
    for (String region : regions) {
      if (denyRegions.contains(region)) {
        return PostureResult.fail("address " + address + " is in denied region " + region);
      }
    }
    if (regions.isEmpty() && denyRegions.stream().anyMatch(r -> r.startsWith(country + "-"))) {
      return PostureResult.unknown(
          "address "
              + address
              + " is in "
              + country
              + " but the database has no region for it to check deny-regions against");
    }
    if (allowCountries.isEmpty() && allowRegions.isEmpty()) {
      return PostureResult.pass("address " + address + " is in " + where + ", not denied");
    }
    if (allowCountries.contains(country)) {
      return PostureResult.pass("address " + address + " is in allowed country " + country);
    }
    for (String region : regions) {
      if (allowRegions.contains(region)) {
        return PostureResult.pass("address " + address + " is in allowed region " + region);
      }
    }
    if (!allowRegions.isEmpty() && regions.isEmpty()) {
      boolean regionCouldMatch = allowRegions.stream().anyMatch(r -> r.startsWith(country + "-"));
      if (regionCouldMatch) {
        return PostureResult.unknown(
            "address " + address + " is in " + country + " but the database has no region for it");
      }
    }
    return PostureResult.fail("address " + address + " is in " + where + ", which is not allowed");
  }

  private static Set<String> codes(CheckContext context, String key) {
    return context
        .setting(key)
        .map(
            text ->
                Arrays.stream(text.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.toUpperCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }
}
