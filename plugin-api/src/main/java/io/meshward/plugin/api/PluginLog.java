package io.meshward.plugin.api;

/**
 * Where a check writes its log lines; the host writes them under the logger {@code
 * meshward.plugin.<plugin-id>}. Checks must never log secrets such as API tokens.
 */
public interface PluginLog {

  void debug(String message);

  void info(String message);

  void warn(String message);

  void error(String message, Throwable cause);
}
