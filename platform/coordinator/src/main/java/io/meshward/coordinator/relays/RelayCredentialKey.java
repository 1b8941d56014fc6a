package io.meshward.coordinator.relays;

import io.meshward.coordinator.config.MeshwardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Derives agents' relay credentials. The coordinator must hand an agent its credential in clear in
 * every network map, yet store nothing that would let a database reader impersonate the agent. So
 * the credential is not stored at all: it is HMAC-SHA256 over (relay id, peer id, generation) keyed
 * with a 32-byte secret kept in {@code <data-dir>/relay-credential.key} (mode 0600). The database
 * holds only the generation, which rotation increments; relays receive the credential's SHA-256.
 * The output is 32 pseudo-random bytes, base64url without padding.
 */
@Component
class RelayCredentialKey {

  private static final Logger log = LoggerFactory.getLogger(RelayCredentialKey.class);
  static final String FILE_NAME = "relay-credential.key";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  RelayCredentialKey(MeshwardProperties properties) {
    Path file = properties.dataDir().resolve(FILE_NAME);
    try {
      this.key = new SecretKeySpec(loadOrCreate(file), ALGORITHM);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not load or create the relay credential key " + file, e);
    }
  }

  /** The credential a peer presents to a relay; the same inputs always give the same value. */
  String credential(String relayId, String peerId, long generation) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      String input = "meshward-relay-credential/v1\n" + relayId + "\n" + peerId + "\n" + generation;
      byte[] out = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  private static byte[] loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        writeOwnerOnly(file, Base64.getEncoder().encodeToString(secret));
        log.info("Created the relay credential key in {}", file.toAbsolutePath().normalize());
        return secret;
      } catch (FileAlreadyExistsException raced) {
        // another coordinator on the same data directory created it first: use theirs
      }
    }
    byte[] secret = Base64.getDecoder().decode(Files.readString(file).trim());
    if (secret.length < 32) {
      throw new IllegalStateException(
          file
              + " holds fewer than 32 bytes; delete it to create a new key (this rotates every"
              + " relay credential)");
    }
    return secret;
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    var ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, content, StandardCharsets.US_ASCII);
  }
}
