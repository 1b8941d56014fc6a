package io.meshward.plugins.geolocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PluginLog;
import io.meshward.plugin.api.PostureResult;
import io.meshward.plugin.api.Verdict;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeolocationCheckTest {

  @TempDir static Path dir;
  static Path database;

  private final GeolocationCheck check = new GeolocationCheck();

  @BeforeAll
  static void writeDatabase() throws Exception {
    database = dir.resolve("test-city.mmdb");
    MaxMindDbWriter.writeTestDatabase(database);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "198.51.100.7   | allow-countries=DE,FR          | PASS",
        "198.51.100.7   | allow-countries=FR             | FAIL",
        "198.51.100.7   | deny-countries=DE              | FAIL",
        "198.51.100.7   | deny-regions=DE-BY             | FAIL",
        "198.51.100.7   | deny-regions=DE-BE             | PASS",
        "203.0.113.5    | allow-regions=US-CA            | PASS",
        "203.0.113.200  | allow-regions=US-CA            | FAIL",
        "203.0.113.200  | allow-countries=US;deny-regions=US-TX | FAIL",
        "192.0.2.1      | deny-countries=KP              | FAIL",
        "192.0.2.1      | allow-regions=KP-01            | UNKNOWN",
        "192.0.2.1      | deny-regions=KP-01             | UNKNOWN",
        "2001:db8:1::5  | allow-countries=fr             | PASS",
        "9.9.9.9        | allow-countries=CH             | PASS",
        "8.8.8.8        | allow-countries=US             | UNKNOWN",
        "10.1.2.3       | allow-countries=DE             | UNKNOWN",
        "100.64.0.9     | allow-countries=DE             | UNKNOWN",
        "127.0.0.1      | allow-countries=DE             | UNKNOWN",
        "fd00::1        | allow-countries=DE             | UNKNOWN",
        "fe80::1        | allow-countries=DE             | UNKNOWN",
      })
  void judgesTheConnectingAddress(String address, String settings, Verdict expected)
      throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("database", database.toString());
    for (String setting : settings.split(";")) {
      String[] kv = setting.split("=");
      config.put(kv[0], kv[1]);
    }
    PostureResult result = check.evaluate(device(address), ctx(config));
    assertThat(result.verdict()).as(result.reason()).isEqualTo(expected);
  }

  @Test
  void reportsCountryAndRegionsAsFacts() throws Exception {
    PostureResult result =
        check.evaluate(
            device("198.51.100.7"),
            ctx(Map.of("database", database.toString(), "allow-countries", "DE")));
    assertThat(result.facts())
        .containsEntry("country", FactValue.of("DE"))
        .containsEntry("regions", FactValue.ofList(List.of(FactValue.of("DE-BY"))));
  }

  @Test
  void explainsWhatIsMissing() throws Exception {
    PostureResult privateAddress =
        check.evaluate(
            device("192.168.1.4"),
            ctx(Map.of("database", database.toString(), "allow-countries", "DE")));
    assertThat(privateAddress.reason()).contains("192.168.1.4").contains("private");

    PostureResult noAddress =
        check.evaluate(
            new Device("d", Map.of(), Optional.empty()),
            ctx(Map.of("database", database.toString(), "allow-countries", "DE")));
    assertThat(noAddress.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(noAddress.reason()).contains("address is unknown");

    PostureResult noDatabase =
        check.evaluate(device("198.51.100.7"), ctx(Map.of("allow-countries", "DE")));
    assertThat(noDatabase.reason()).contains("set database");

    PostureResult noLists =
        check.evaluate(device("198.51.100.7"), ctx(Map.of("database", database.toString())));
    assertThat(noLists.reason()).contains("allow-countries");

    Path corrupt = dir.resolve("corrupt.mmdb");
    Files.write(corrupt, new byte[] {1, 2, 3});
    PostureResult unreadable =
        check.evaluate(
            device("198.51.100.7"),
            ctx(Map.of("database", corrupt.toString(), "allow-countries", "DE")));
    assertThat(unreadable.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(unreadable.reason()).contains("could not be read");
  }

  static Device device(String address) throws Exception {
    return new Device("device-1", Map.of(), Optional.of(InetAddress.getByName(address)));
  }

  static CheckContext ctx(Map<String, String> config) {
    return new CheckContext() {
      @Override
      public Instant deadline() {
        return Instant.now().plusSeconds(5);
      }

      @Override
      public HttpClient httpClient() {
        throw new UnsupportedOperationException("geolocation makes no calls");
      }

      @Override
      public Map<String, String> config() {
        return config;
      }

      @Override
      public PluginLog log() {
        return new PluginLog() {
          @Override
          public void debug(String message) {}

          @Override
          public void info(String message) {}

          @Override
          public void warn(String message) {}

          @Override
          public void error(String message, Throwable cause) {}
        };
      }
    };
  }
}
