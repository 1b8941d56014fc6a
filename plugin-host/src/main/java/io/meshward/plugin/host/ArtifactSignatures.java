package io.meshward.plugin.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Detached Ed25519 signatures of plugin artifacts: {@code plugin.zip} is signed by {@code
 * plugin.zip.sig}, which holds the Base64 signature of the artifact's bytes.
 */
public final class ArtifactSignatures {

  /** The suffix of a detached signature file. */
  public static final String SUFFIX = ".sig";

  private final List<PublicKey> trustedKeys;

  public ArtifactSignatures(List<PublicKey> trustedKeys) {
    this.trustedKeys = List.copyOf(trustedKeys);
  }

  /** The signature file that belongs to {@code artifact}. */
  public static Path signatureFileOf(Path artifact) {
    return artifact.resolveSibling(artifact.getFileName() + SUFFIX);
  }

  /**
   * Checks {@code bytes} (the artifact's content) against {@code signatureFile}.
   *
   * @return empty if a trusted key signed them, else why not
   */
  public Optional<String> verify(byte[] bytes, Path signatureFile) {
    if (trustedKeys.isEmpty()) {
      return Optional.of("signatures are required but no trusted public key is configured");
    }
    if (!Files.isRegularFile(signatureFile)) {
      return Optional.of("unsigned: no signature file " + signatureFile.getFileName());
    }
    byte[] signature;
    try {
      signature =
          Base64.getMimeDecoder()
              .decode(Files.readString(signatureFile, StandardCharsets.US_ASCII).trim());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("unreadable signature file " + signatureFile.getFileName());
    }
    for (PublicKey key : trustedKeys) {
      try {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(bytes);
        if (verifier.verify(signature)) {
          return Optional.empty();
        }
      } catch (GeneralSecurityException e) {
        // a malformed signature does not verify under this key; try the next one
      }
    }
    return Optional.of(
        "signature "
            + signatureFile.getFileName()
            + " does not verify with any of the "
            + trustedKeys.size()
            + " trusted key(s)");
  }

  /** Signs {@code artifact}, writing its detached signature next to it; returns that file. */
  public static Path sign(Path artifact, PrivateKey key) throws IOException {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(Files.readAllBytes(artifact));
      Path out = signatureFileOf(artifact);
      Files.writeString(
          out, Base64.getEncoder().encodeToString(signer.sign()) + "\n", StandardCharsets.US_ASCII);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }
}
