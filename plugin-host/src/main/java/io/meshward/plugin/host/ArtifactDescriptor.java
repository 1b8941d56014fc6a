package io.meshward.plugin.host;

import io.meshward.plugin.api.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The few descriptor attributes the host reads before handing an artifact to PF4J: a zip's (or
 * jar's) {@code plugin.properties}, else a jar's manifest.
 *
 * @param id {@code plugin.id} / {@code Plugin-Id}
 * @param version {@code plugin.version} / {@code Plugin-Version}
 * @param apiVersion {@code Meshward-Plugin-Api}, if declared
 */
public record ArtifactDescriptor(String id, String version, Optional<String> apiVersion) {

  /** Reads the descriptor of a plugin zip or jar. */
  public static ArtifactDescriptor read(Path artifact) throws IOException {
    try (ZipFile zip = new ZipFile(artifact.toFile())) {
      ZipEntry properties = zip.getEntry("plugin.properties");
      if (properties != null) {
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(properties)) {
          p.load(in);
        }
        return new ArtifactDescriptor(
            p.getProperty("plugin.id", "").trim(),
            p.getProperty("plugin.version", "").trim(),
            Optional.ofNullable(p.getProperty(ApiVersion.ATTRIBUTE)).map(String::trim));
      }
    }
    try (JarFile jar = new JarFile(artifact.toFile())) {
      Manifest manifest = jar.getManifest();
      Attributes attributes = manifest == null ? new Attributes() : manifest.getMainAttributes();
      return new ArtifactDescriptor(
          value(attributes, "Plugin-Id"),
          value(attributes, "Plugin-Version"),
          Optional.ofNullable(attributes.getValue(ApiVersion.ATTRIBUTE)).map(String::trim));
    }
  }

  private static String value(Attributes attributes, String name) {
    String value = attributes.getValue(name);
    return value == null ? "" : value.trim();
  }
}
