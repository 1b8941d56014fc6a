package io.meshward.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The coordinator boots on its embedded defaults and answers its health endpoint. */
class CoordinatorStartsTest {

  @TempDir Path dataDir;

  @Test
  void bootsOnEmbeddedDefaultsAndReportsHealthy() throws Exception {
    try (var context =
        SpringApplication.run(
            CoordinatorApplication.class,
            "--server.port=0",
            "--meshward.grpc.port=0",
            "--meshward.data-dir=" + dataDir)) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/actuator/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"status\":\"UP\"");
      assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("meshward") && name.endsWith(".db"));
    }
  }
}
