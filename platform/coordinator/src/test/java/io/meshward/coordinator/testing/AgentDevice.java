package io.meshward.coordinator.testing;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import io.meshward.protocol.v1.AgentGrpc;
import io.meshward.protocol.v1.EnrolRequest;
import io.meshward.protocol.v1.EnrolResponse;
import io.meshward.protocol.v1.EnrolmentGrpc;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.SyncRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A device as an agent would be: its own TLS key pair and WireGuard key, talking gRPC over a real
 * TLS channel that trusts only the coordinator CA.
 */
public final class AgentDevice implements AutoCloseable {

  private final int port;
  private final byte[] caPem;
  private final KeyPair tlsKeys;
  private final String wireguardKey;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private X509Certificate certificate;

  AgentDevice(int port, Path caPemFile) throws Exception {
    this.port = port;
    this.caPem = Files.readAllBytes(caPemFile);
    this.tlsKeys = newKeyPair();
    byte[] wg = new byte[32];
    new SecureRandom().nextBytes(wg);
    this.wireguardKey = Base64.getEncoder().encodeToString(wg);
  }

  public static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  public String wireguardKey() {
    return wireguardKey;
  }

  public byte[] csr() throws Exception {
    return new JcaPKCS10CertificationRequestBuilder(
            new X500Principal("CN=test-device"), tlsKeys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(tlsKeys.getPrivate()))
        .getEncoded();
  }

  public EnrolRequest.Builder enrolRequest(String setupKey, String hostname) throws Exception {
    return EnrolRequest.newBuilder()
        .setSetupKey(setupKey)
        .setWireguardPublicKey(wireguardKey)
        .setCertificateRequest(com.google.protobuf.ByteString.copyFrom(csr()))
        .setHostname(hostname);
  }

  /** Enrols with the request as given; keeps the certificate on success. */
  public EnrolResponse enrol(EnrolRequest request) throws Exception {
    EnrolResponse response = EnrolmentGrpc.newBlockingStub(channel(null)).enrol(request);
    certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(response.getDeviceCertificate().toByteArray()));
    return response;
  }

  public EnrolResponse enrol(String setupKey, String hostname) throws Exception {
    return enrol(enrolRequest(setupKey, hostname).build());
  }

  /** Enrolment expected to fail: returns the status. */
  public Status enrolRefused(EnrolRequest request) {
    try {
      EnrolmentGrpc.newBlockingStub(channel(null)).enrol(request);
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("enrolment was accepted");
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public AgentGrpc.AgentBlockingStub agent() throws Exception {
    return AgentGrpc.newBlockingStub(channel(clientIdentity(tlsKeys, certificate)));
  }

  public AgentGrpc.AgentBlockingStub agentWithoutCertificate() throws Exception {
    return AgentGrpc.newBlockingStub(channel(null));
  }

  public AgentGrpc.AgentBlockingStub agentWith(KeyPair keys, X509Certificate cert)
      throws Exception {
    return AgentGrpc.newBlockingStub(channel(clientIdentity(keys, cert)));
  }

  /** Opens Sync with this device's certificate; updates arrive in the returned stream. */
  public SyncStream sync(SyncRequest request) throws Exception {
    SyncStream stream = new SyncStream();
    AgentGrpc.newStub(channel(clientIdentity(tlsKeys, certificate))).sync(request, stream);
    return stream;
  }

  /** Opens Sync on a channel that sends a keepalive ping this often (gRPC clamps to ≥ 10 s). */
  public SyncStream syncWithKeepAlive(Duration keepAlive) throws Exception {
    SyncStream stream = new SyncStream();
    AgentGrpc.newStub(channel(clientIdentity(tlsKeys, certificate), keepAlive))
        .sync(
            SyncRequest.newBuilder().addEndpoints("192.0.2.1:51820").setAgentVersion("t").build(),
            stream);
    return stream;
  }

  public SyncStream sync() throws Exception {
    return sync(
        SyncRequest.newBuilder().addEndpoints("192.0.2.1:51820").setAgentVersion("t").build());
  }

  private ManagedChannel channel(KeyManagerFactory identity) throws Exception {
    return channel(identity, null);
  }

  private ManagedChannel channel(KeyManagerFactory identity, Duration keepAlive) throws Exception {
    var creds = TlsChannelCredentials.newBuilder().trustManager(new ByteArrayInputStream(caPem));
    if (identity != null) {
      creds.keyManager(identity.getKeyManagers());
    }
    ChannelCredentials built = creds.build();
    var builder = Grpc.newChannelBuilderForAddress("localhost", port, built);
    if (keepAlive != null) {
      builder.keepAliveTime(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    }
    ManagedChannel channel = builder.build();
    channels.add(channel);
    return channel;
  }

  private static KeyManagerFactory clientIdentity(KeyPair keys, X509Certificate cert)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("device", keys.getPrivate(), new char[0], new Certificate[] {cert});
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory;
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
  }

  /** What a Sync stream delivered: maps, then possibly an end (error or completion). */
  public static final class SyncStream implements StreamObserver<NetworkMap> {

    private static final Object COMPLETED = new Object();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onNext(NetworkMap value) {
      events.add(value);
    }

    @Override
    public void onError(Throwable t) {
      events.add(t);
    }

    @Override
    public void onCompleted() {
      events.add(COMPLETED);
    }

    /** The next map; fails if the stream ended instead or nothing came within the bound. */
    public NetworkMap nextMap() throws InterruptedException {
      Object event = events.poll(20, TimeUnit.SECONDS);
      if (event instanceof NetworkMap map) {
        return map;
      }
      throw new AssertionError("expected a network map but got " + event);
    }

    /** The status the stream ended with (skipping maps still queued). */
    public Status end(Duration bound) throws InterruptedException {
      long deadline = System.nanoTime() + bound.toNanos();
      while (true) {
        Object event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (event == null) {
          throw new AssertionError("the stream did not end");
        }
        if (event == COMPLETED) {
          return Status.OK;
        }
        if (event instanceof Throwable t) {
          return Status.fromThrowable(t);
        }
      }
    }

    /** Polls for a queued event without waiting long: for "nothing more arrived" checks. */
    public Object poll(Duration wait) throws InterruptedException {
      return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
