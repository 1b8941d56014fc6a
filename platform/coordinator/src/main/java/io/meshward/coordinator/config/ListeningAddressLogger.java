package io.meshward.coordinator.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells the operator where the coordinator answers, once the port is actually bound. */
@Component
class ListeningAddressLogger implements ApplicationListener<WebServerInitializedEvent> {

  private static final Logger log = LoggerFactory.getLogger(ListeningAddressLogger.class);

  private final MeshwardProperties properties;

  ListeningAddressLogger(MeshwardProperties properties) {
    this.properties = properties;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    int port = event.getWebServer().getPort();
    log.info(
        "Meshward coordinator listening on http://localhost:{} (health: http://localhost:{}/actuator/health), data in {}",
        port,
        port,
        properties.dataDir().toAbsolutePath().normalize());
  }
}
