package io.meshward.coordinator.grpc;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The agents' gRPC endpoint.
 *
 * @param port TCP port (default 8443; 0 picks a free one)
 * @param hostnames names and IP addresses agents use to reach the coordinator; its TLS certificate
 *     is issued for exactly these
 * @param maxInboundMessageBytes largest request accepted
 */
@ConfigurationProperties("meshward.grpc")
public record GrpcProperties(Integer port, List<String> hostnames, Integer maxInboundMessageBytes) {

  public GrpcProperties {
    if (port == null) {
      port = 8443;
    }
    if (hostnames == null || hostnames.isEmpty()) {
      hostnames = List.of("localhost", "127.0.0.1");
    }
    if (maxInboundMessageBytes == null) {
      maxInboundMessageBytes = 1024 * 1024;
    }
  }

  /** The server certificate is re-issued at every start; it need not outlive a long run. */
  Duration serverCertificateValidity() {
    return Duration.ofDays(825);
  }
}
