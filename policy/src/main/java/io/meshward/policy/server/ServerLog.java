package io.meshward.policy.server;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * The server's log lines on one writer, filtered by level. Never given inputs, bodies or tokens.
 */
final class ServerLog {

  /** How much to log: {@code debug} adds one line per request. */
  enum Level {
    DEBUG,
    INFO,
    ERROR
  }

  private final Level level;
  private final PrintWriter out;

  ServerLog(Level level, PrintWriter out) {
    this.level = level;
    this.out = out;
  }

  static ServerLog silent() {
    return new ServerLog(Level.ERROR, new PrintWriter(PrintWriter.nullWriter()));
  }

  void debug(String message) {
    write(Level.DEBUG, message);
  }

  void info(String message) {
    write(Level.INFO, message);
  }

  void error(String message) {
    write(Level.ERROR, message);
  }

  private void write(Level at, String message) {
    if (at.compareTo(level) >= 0) {
      synchronized (out) {
        out.println(Instant.now() + " " + at + " " + message);
        out.flush();
      }
    }
  }
}
