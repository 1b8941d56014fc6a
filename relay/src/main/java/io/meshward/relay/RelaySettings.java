package io.meshward.relay;

import io.grpc.ChannelCredentials;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Everything a relay needs to run; {@link RelayMain} builds it from the command line.
 *
 * @param listen where agents connect (TCP)
 * @param coordinatorTarget the coordinator's gRPC address, {@code host:port}
 * @param coordinatorCredentials TLS trusting the coordinator's CA, or insecure for tests
 * @param relayId this relay's id at the coordinator
 * @param relayToken the token proving it (never logged)
 * @param maxStale how long the last snapshot is enforced after the coordinator stream is lost
 * @param helloTimeout how long a new connection may take to authenticate
 * @param idleTimeout an authenticated connection that sends nothing this long is closed
 * @param framesPerSecond sustained frame rate allowed per connection
 * @param frameBurst frames a connection may send at once above that rate
 * @param metricsListen where {@code /metrics} is served, or null for nowhere
 * @param ioThreads event-loop threads for agent connections (0 = Netty's default)
 */
public record RelaySettings(
    InetSocketAddress listen,
    String coordinatorTarget,
    ChannelCredentials coordinatorCredentials,
    String relayId,
    String relayToken,
    Duration maxStale,
    Duration helloTimeout,
    Duration idleTimeout,
    int framesPerSecond,
    int frameBurst,
    InetSocketAddress metricsListen,
    int ioThreads) {

  @Override
  public String toString() {
    // Records print every component; the token must not reach a log this way.
    return "RelaySettings[listen="
        + listen
        + ", coordinator="
        + coordinatorTarget
        + ", relayId="
        + relayId
        + ", maxStale="
        + maxStale
        + "]";
  }
}
