package io.meshward.coordinator.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Top-level settings of the coordinator.
 *
 * @param dataDir where the embedded database and other state live; created on first start
 */
@ConfigurationProperties("meshward")
public record MeshwardProperties(Path dataDir) {

  public MeshwardProperties {
    if (dataDir == null) {
      dataDir = Path.of("data");
    }
  }
}
