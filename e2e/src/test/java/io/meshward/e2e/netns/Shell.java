package io.meshward.e2e.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command (ip, nft, nc, sysctl) and returns its exit code and output. */
record Shell(int exitCode, String output) {

  static Shell run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Shell(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  static Shell run(String... command) {
    return run(List.of(command));
  }

  /** Runs the command and fails with its output unless it succeeds. */
  static String check(String... command) {
    Shell result = run(command);
    if (result.exitCode != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + result.exitCode + "): " + result.output);
    }
    return result.output;
  }

  boolean succeeded() {
    return exitCode == 0;
  }
}
