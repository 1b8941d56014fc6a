package io.meshward.coordinator.grpc;

import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.meshward.coordinator.enrolment.EnrolmentService;
import io.meshward.coordinator.networkmap.NetworkMapService;
import io.meshward.coordinator.peers.DeviceCertificates;
import io.meshward.coordinator.peers.PeerService;
import io.meshward.coordinator.relays.RelayControlService;
import io.meshward.coordinator.tls.CertificateAuthority;
import io.meshward.coordinator.tls.ServerIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The agents' gRPC endpoint: TLS with a certificate from the coordinator CA, client certificates
 * optional at the TLS layer (enrolment has none) and required per call by {@link
 * DeviceAuthentication}.
 */
@Component
public class GrpcServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final GrpcProperties properties;
  private final CertificateAuthority ca;
  private final EnrolmentService enrolment;
  private final PeerService peers;
  private final NetworkMapService maps;
  private final DeviceCertificates certificates;
  private final PostureVerdicts verdicts;
  private final RelayControlService relayControl;
  private volatile Server server;

  GrpcServer(
      GrpcProperties properties,
      CertificateAuthority ca,
      EnrolmentService enrolment,
      PeerService peers,
      NetworkMapService maps,
      DeviceCertificates certificates,
      PostureVerdicts verdicts,
      RelayControlService relayControl) {
    this.properties = properties;
    this.ca = ca;
    this.enrolment = enrolment;
    this.peers = peers;
    this.maps = maps;
    this.certificates = certificates;
    this.verdicts = verdicts;
    this.relayControl = relayControl;
  }

  @Override
  public void start() {
    try {
      var interceptor = new DeviceAuthentication(certificates);
      String version =
          java.util.Objects.requireNonNullElse(
              GrpcServer.class.getPackage().getImplementationVersion(), "dev");
      server =
          Grpc.newServerBuilderForPort(properties.port(), credentials())
              .maxInboundMessageSize(properties.maxInboundMessageBytes())
              .permitKeepAliveTime(
                  properties.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
              .keepAliveTime(properties.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
              .keepAliveTimeout(20, TimeUnit.SECONDS)
              .addService(
                  ServerInterceptors.intercept(new EnrolmentGrpcService(enrolment), interceptor))
              .addService(
                  ServerInterceptors.intercept(
                      new AgentGrpcService(peers, maps, verdicts).definition(), interceptor))
              .addService(ServerInterceptors.intercept(new HealthGrpcService(version), interceptor))
              // relays have no device certificate: they authenticate with their token per call
              .addService(relayControl)
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not open the gRPC port " + properties.port() + "; set meshward.grpc.port", e);
    }
    log.info(
        "Agent gRPC endpoint listening on port {} (TLS for {}; CA fingerprint {})",
        server.getPort(),
        properties.hostnames(),
        ca.fingerprint());
  }

  private io.grpc.ServerCredentials credentials() {
    try {
      ServerIdentity identity =
          ca.issueServerIdentity(properties.hostnames(), properties.serverCertificateValidity());
      char[] password = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server", identity.privateKey(), password, identity.chain().toArray(Certificate[]::new));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("meshward-ca", ca.certificate());
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);
      return TlsServerCredentials.newBuilder()
          .keyManager(keyManagers.getKeyManagers())
          .trustManager(trustManagers.getTrustManagers())
          .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL)
          .build();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Could not set up TLS for the gRPC endpoint", e);
    }
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    Server s = server;
    if (s == null) {
      throw new IllegalStateException("the gRPC server is not running");
    }
    return s.getPort();
  }

  @Override
  public void stop() {
    Server s = server;
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }
}
