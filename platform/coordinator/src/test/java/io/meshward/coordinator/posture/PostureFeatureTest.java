package io.meshward.coordinator.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshward.coordinator.CoordinatorApplication;
import io.meshward.coordinator.peers.DevicePostureReported;
import io.meshward.plugin.api.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The coordinator loads the built plugins from {@code <data-dir>/plugins}, shows them to operators,
 * judges reported posture, announces verdict changes and hands the policy its posture input.
 */
class PostureFeatureTest {

  @TempDir static Path dataDir;
  static ConfigurableApplicationContext context;
  static int port;

  /** Collects the verdict changes the coordinator publishes. */
  @Configuration(proxyBeanMethods = false)
  static class VerdictChanges {
    final List<PostureVerdictChanged> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void on(PostureVerdictChanged change) {
      seen.add(change);
    }

    @Bean
    VerdictChangesHolder verdictChangesHolder() {
      return new VerdictChangesHolder(seen);
    }
  }

  record VerdictChangesHolder(List<PostureVerdictChanged> seen) {}

  @BeforeAll
  static void start() throws Exception {
    Path built = Path.of(System.getProperty("meshward.test.posture-plugins"));
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    for (String artifact :
        List.of(
            "os-version.zip",
            "disk-encryption.zip",
            "throwing-plugin.zip",
            "future-api-plugin.zip")) {
      Files.copy(built.resolve(artifact), plugins.resolve(artifact));
    }
    context =
        new SpringApplication(CoordinatorApplication.class, VerdictChanges.class)
            .run(
                "--server.port=0",
                "--meshward.grpc.port=0",
                "--meshward.data-dir=" + dataDir,
                "--meshward.posture.evaluation-timeout=10s",
                "--meshward.posture.plugins.os-version.min-windows=10.0.22631");
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void operatorsSeeEachPluginWithItsStateAndWhyOthersWereRefused() throws Exception {
    HttpResponse<String> anonymous = get(null);
    assertThat(anonymous.statusCode()).isEqualTo(401);

    HttpResponse<String> response = get(Files.readString(dataDir.resolve("admin-token")).trim());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("json"));
    String body = response.body();
    assertThat(body)
        .contains("\"id\":\"os-version\"", "\"id\":\"disk-encryption\"", "\"id\":\"throwing\"")
        .contains("\"apiVersion\":\"1.0\"", "\"state\":\"STARTED\"")
        .contains("\"id\":\"future-api\"", "\"state\":\"REFUSED\"")
        .contains("built for plugin API 2.0 but this host provides plugin API 1.0");
  }

  @Test
  void reportedPostureBecomesPolicyInputAndVerdictChangesArePublished() {
    var posture = context.getBean(PostureService.class);
    var changes = context.getBean(VerdictChangesHolder.class).seen();
    Map<String, Object> volumes =
        Map.of(
            "mount",
            "C:",
            "device",
            "disk0",
            "system",
            true,
            "encrypted",
            true,
            "method",
            "bitlocker");

    context.publishEvent(
        new DevicePostureReported(
            "account-1",
            "peer-1",
            Map.of(
                "os.platform",
                "windows",
                "os.version",
                "10.0.19045",
                "disk.volumes",
                List.of(volumes))));

    Map<String, Object> input = posture.policyInput("peer-1");
    assertThat(input).containsOnlyKeys("os-version", "disk-encryption", "throwing", "future-api");
    assertThat(input.get("os-version").toString()).contains("verdict=fail", "10.0.19045 is older");
    assertThat(input.get("disk-encryption").toString()).contains("verdict=pass");
    assertThat(input.get("throwing").toString())
        .contains("verdict=unknown", "vendor service answered 500");
    assertThat(input.get("future-api").toString()).contains("verdict=unknown", "REFUSED");
    assertThat(changes)
        .contains(
            new PostureVerdictChanged(
                Optional.of("account-1"),
                "peer-1",
                "os-version",
                Optional.empty(),
                Verdict.FAIL,
                "windows 10.0.19045 is older than the required minimum 10.0.22631"));

    context.publishEvent(
        new DevicePostureReported(
            "account-1",
            "peer-1",
            Map.of(
                "os.platform",
                "windows",
                "os.version",
                "10.0.26100",
                "disk.volumes",
                List.of(volumes))));

    assertThat(posture.policyInput("peer-1").get("os-version").toString()).contains("verdict=pass");
    assertThat(changes)
        .anySatisfy(
            c -> {
              assertThat(c.pluginId()).isEqualTo("os-version");
              assertThat(c.previous()).contains(Verdict.FAIL);
              assertThat(c.current()).isEqualTo(Verdict.PASS);
            });

    context.publishEvent(
        new io.meshward.coordinator.peers.PeerEvents.PeerDeleted("account-1", "peer-1"));
    assertThat(posture.policyInput("peer-1").get("os-version").toString())
        .contains("verdict=unknown", "has not reported posture");
  }

  private static HttpResponse<String> get(String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/posture/plugins"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
