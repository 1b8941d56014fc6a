package io.meshward.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's private directory: owner-only (0700 directories, 0600 files), every file replaced
 * atomically (temp file in the same directory, then a rename) so a crash leaves either the old or
 * the new content, never half of one.
 */
public final class StateDirectory {

  static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

  private final Path root;

  public StateDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** `/var/lib/meshward-agent` for root, `~/.meshward-agent` for anyone else. */
  public static Path defaultLocation() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return root
        ? Path.of("/var/lib/meshward-agent")
        : Path.of(System.getProperty("user.home"), ".meshward-agent");
  }

  public Path root() {
    return root;
  }

  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** Creates the directory (and a sub-directory, if given) with owner-only access. */
  public Path ensureDirectory(String relative) {
    Path dir = relative.isEmpty() ? root : root.resolve(relative);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
      }
      if (!relative.isEmpty()) {
        ensureDirectory("");
      }
      restrict(dir, DIRECTORY_MODE);
      return dir;
    } catch (IOException e) {
      throw new StateException(
          "cannot create the state directory "
              + dir
              + " ("
              + e.getMessage()
              + "); choose a writable one with --state-dir",
          e);
    }
  }

  public void writeString(String relative, String content) {
    write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces the file atomically; it is 0600 from its first byte on. */
  public void write(String relative, byte[] content) {
    Path target = root.resolve(relative);
    Path dir = target.getParent();
    ensureDirectory(root.relativize(dir).toString());
    Path temp = null;
    try {
      temp = createOwnerOnlyTempFile(dir, target.getFileName().toString());
      Files.write(temp, content);
      try (var channel =
          java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new StateException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Best effort: a stray temp file is owner-only and harmless.
        }
      }
    }
  }

  public Optional<String> readString(String relative) {
    Path file = root.resolve(relative);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StateException(
          "cannot read " + file + " (" + e.getMessage() + "); check its owner and permissions", e);
    }
  }

  public boolean exists(String relative) {
    return Files.exists(root.resolve(relative));
  }

  public boolean delete(String relative) {
    try {
      return Files.deleteIfExists(root.resolve(relative));
    } catch (IOException e) {
      throw new StateException(
          "cannot delete " + root.resolve(relative) + ": " + e.getMessage(), e);
    }
  }

  private static Path createOwnerOnlyTempFile(Path dir, String name) throws IOException {
    if (posix(dir)) {
      return Files.createTempFile(
          dir, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createFile(dir.resolve("." + name + "." + System.nanoTime() + ".tmp"));
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (posix(path)) {
      Files.setPosixFilePermissions(path, mode);
    }
  }

  private static boolean posix(Path path) {
    return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
  }
}
