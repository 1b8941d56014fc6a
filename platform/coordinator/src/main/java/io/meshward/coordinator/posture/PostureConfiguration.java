package io.meshward.coordinator.posture;

import io.meshward.coordinator.config.MeshwardProperties;
import io.meshward.plugin.host.Ed25519Keys;
import io.meshward.plugin.host.HostSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link PostureProperties} into the plain-Java host's settings. */
final class PostureConfiguration {

  private PostureConfiguration() {}

  static HostSettings settings(PostureProperties posture, MeshwardProperties meshward) {
    Path pluginDir =
        posture.pluginDir() != null ? posture.pluginDir() : meshward.dataDir().resolve("plugins");
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : posture.trustedKeys()) {
      try {
        keys.add(Ed25519Keys.readPublic(file));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "meshward.posture.trusted-keys: cannot read Ed25519 public key "
                + file
                + " ("
                + e.getMessage()
                + "); give the path of a PEM file made by 'PluginSigner keygen'",
            e);
      }
    }
    return new HostSettings(
        pluginDir,
        meshward.dataDir().resolve("plugin-work"),
        posture.requireSigned(),
        keys,
        posture.evaluationTimeout(),
        posture.maxConcurrentPerPlugin(),
        posture.maxValidity(),
        posture.retryAfterFailure(),
        posture.plugins());
  }
}
