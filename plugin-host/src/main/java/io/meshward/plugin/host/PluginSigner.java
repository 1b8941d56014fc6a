package io.meshward.plugin.host;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * Command line for vendors: make a key pair and sign plugin artifacts.
 *
 * <pre>
 * java -cp plugin-host.jar io.meshward.plugin.host.PluginSigner keygen --out keys/
 * java -cp plugin-host.jar io.meshward.plugin.host.PluginSigner sign --key keys/private.pem plugin.zip
 * </pre>
 */
public final class PluginSigner {

  private PluginSigner() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 3 && args[0].equals("keygen") && args[1].equals("--out")) {
        return keygen(Path.of(args[2]), out);
      }
      if (args.length >= 4 && args[0].equals("sign") && args[1].equals("--key")) {
        var key = Ed25519Keys.readPrivate(Path.of(args[2]));
        for (int i = 3; i < args.length; i++) {
          Path artifact = Path.of(args[i]);
          if (!Files.isRegularFile(artifact)) {
            err.println("No such plugin artifact: " + artifact + ". Build it first, then sign it.");
            return 2;
          }
          out.println("signed " + artifact + " -> " + ArtifactSignatures.sign(artifact, key));
        }
        return 0;
      }
      err.println(
          """
          Usage:
            PluginSigner keygen --out <dir>                  writes <dir>/private.pem and <dir>/public.pem
            PluginSigner sign --key <private.pem> <artifact>...  writes <artifact>.sig next to each artifact
          Give operators public.pem (meshward.posture.trusted-keys); keep private.pem secret.""");
      return 2;
    } catch (IOException | IllegalArgumentException e) {
      err.println("Cannot sign: " + e.getMessage());
      return 1;
    }
  }

  private static int keygen(Path dir, PrintStream out) throws IOException {
    Files.createDirectories(dir);
    Path privateFile = dir.resolve("private.pem");
    Path publicFile = dir.resolve("public.pem");
    if (Files.exists(privateFile)) {
      throw new IllegalArgumentException(
          privateFile + " already exists; refusing to overwrite a private key");
    }
    KeyPair pair = Ed25519Keys.generate();
    Files.writeString(privateFile, Ed25519Keys.toPem(pair.getPrivate()));
    try {
      Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the operator protects the file
    }
    Files.writeString(publicFile, Ed25519Keys.toPem(pair.getPublic()));
    out.println("wrote " + privateFile + " (keep secret) and " + publicFile);
    return 0;
  }
}
