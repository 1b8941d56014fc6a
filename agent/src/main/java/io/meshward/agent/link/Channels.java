package io.meshward.agent.link;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.meshward.agent.keys.Pem;
import io.meshward.agent.state.DeviceCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Opens TLS channels to the coordinator: server-authenticated for enrolment, mutual after. */
public final class Channels {

  private static final String USER_AGENT = "meshward-agent";

  private Channels() {}

  /**
   * For enrolment: no client certificate. With a pin, only a chain containing the pinned
   * certificate is trusted; without one, the JDK's default CAs are.
   */
  public static ManagedChannel enrolment(CoordinatorAddress address, Optional<CaFingerprint> pin) {
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    pin.ifPresent(p -> tls.trustManager(new PinnedTrustManager(p)));
    return Grpc.newChannelBuilder(address.target(), tls.build()).userAgent(USER_AGENT).build();
  }

  /**
   * For everything after enrolment: the device certificate, and only the account's CA. Keepalive
   * pings notice a coordinator that vanished without closing the connection, so the peer list is
   * not kept past {@code --keep-peers-for} just because TCP did not notice; the coordinator must
   * permit pings at that rate (gRPC servers permit one per 5 minutes by default).
   */
  public static ManagedChannel device(
      CoordinatorAddress address, DeviceCredentials credentials, Duration keepAlive) {
    try {
      byte[] certificate =
          Pem.encode("CERTIFICATE", credentials.deviceCertificate().getEncoded())
              .getBytes(StandardCharsets.US_ASCII);
      byte[] key =
          Pem.encode("PRIVATE KEY", credentials.tlsKey().getEncoded())
              .getBytes(StandardCharsets.US_ASCII);
      byte[] ca =
          Pem.encode("CERTIFICATE", credentials.caCertificate().getEncoded())
              .getBytes(StandardCharsets.US_ASCII);
      ChannelCredentials tls =
          TlsChannelCredentials.newBuilder()
              .keyManager(new ByteArrayInputStream(certificate), new ByteArrayInputStream(key))
              .trustManager(new ByteArrayInputStream(ca))
              .build();
      return Grpc.newChannelBuilder(address.target(), tls)
          .userAgent(USER_AGENT)
          .keepAliveTime(keepAlive.toMillis(), TimeUnit.MILLISECONDS)
          .keepAliveTimeout(20, TimeUnit.SECONDS)
          // A network map lists every reachable peer; in a 10,000-peer mesh that exceeds gRPC's
          // default 4 MiB message limit.
          .maxInboundMessageSize(64 * 1024 * 1024)
          .build();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode the device certificate", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
