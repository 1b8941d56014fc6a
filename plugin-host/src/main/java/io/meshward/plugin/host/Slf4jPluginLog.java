package io.meshward.plugin.host;

import io.meshward.plugin.api.PluginLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A plugin's log, written to the host's logger {@code meshward.plugin.<id>}. */
final class Slf4jPluginLog implements PluginLog {

  private final Logger logger;

  Slf4jPluginLog(String pluginId) {
    this.logger = LoggerFactory.getLogger("meshward.plugin." + pluginId);
  }

  @Override
  public void debug(String message) {
    logger.debug(message);
  }

  @Override
  public void info(String message) {
    logger.info(message);
  }

  @Override
  public void warn(String message) {
    logger.warn(message);
  }

  @Override
  public void error(String message, Throwable cause) {
    logger.error(message, cause);
  }
}
