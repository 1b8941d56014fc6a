package io.meshward.agent.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** One `up` per state directory: an OS file lock the kernel releases even after a crash. */
public final class InstanceLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or empty when another process holds it. */
  public static Optional<InstanceLock> tryAcquire(StateDirectory directory) {
    directory.ensureDirectory("");
    var path = directory.resolve("agent.lock");
    try {
      FileChannel channel;
      try {
        channel =
            FileChannel.open(
                path,
                java.util.Set.of(
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ),
                PosixFilePermissions.asFileAttribute(StateDirectory.FILE_MODE));
      } catch (UnsupportedOperationException e) {
        channel =
            FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      }
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new InstanceLock(channel, lock));
    } catch (IOException e) {
      throw new StateException("cannot lock " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // The kernel drops the lock with the process anyway.
    }
  }
}
