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
 * @param permitKeepAliveTime how often agents and relays may ping a call to check the link; gRPC's
 *     own default (5 min) makes a silently vanished coordinator take that long to notice
 * @param keepAliveTime how often the coordinator pings an idle connection, so the Sync streams of
 *     agents that vanished without closing TCP end
 */
@ConfigurationProperties("meshward.grpc")
public record GrpcProperties(
    Integer port,
    List<String> hostnames,
    Integer maxInboundMessageBytes,
    Duration permitKeepAliveTime,
    Duration keepAliveTime) {

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
    if (permitKeepAliveTime == null) {
      permitKeepAliveTime = Duration.ofSeconds(20);
    }
    if (keepAliveTime == null) {
      keepAliveTime = Duration.ofMinutes(1);
    }
    if (permitKeepAliveTime.isNegative() || keepAliveTime.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException(
          "meshward.grpc.permit-keep-alive-time must not be negative and"
              + " meshward.grpc.keep-alive-time must be at least 10s");
    }
  }

  /** The server certificate is re-issued at every start; it need not outlive a long run. */
  Duration serverCertificateValidity() {
    return Duration.ofDays(825);
  }
}
