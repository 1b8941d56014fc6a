package io.meshward.agent.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshward.agent.keys.Pem;
import io.meshward.agent.keys.TlsIdentity;
import io.meshward.protocol.v1.AgentGrpc;
import io.meshward.protocol.v1.EnrolRequest;
import io.meshward.protocol.v1.EnrolResponse;
import io.meshward.protocol.v1.EnrolmentGrpc;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PeerConfig;
import io.meshward.protocol.v1.PostureAck;
import io.meshward.protocol.v1.PostureReport;
import io.meshward.protocol.v1.PostureVerdict;
import io.meshward.protocol.v1.RemotePeer;
import io.meshward.protocol.v1.SyncRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The coordinator's side of the protocol, minimal but faithful, for testing the agent: TLS with a
 * CA-signed server certificate (chain includes the CA), enrolment by setup key with a CSR signed by
 * that CA, and the Agent service over mutual TLS, identified by the device certificate. It is a
 * test double because the agent may not depend on the real coordinator module.
 */
public final class CoordinatorDouble implements AutoCloseable {

  /** A device as the double enrolled it. */
  public record Device(
      String peerId, String wireGuardPublicKey, String meshAddress, Struct facts) {}

  private static final Context.Key<String> PEER_ID = Context.key("peer-id");

  private final TestCa ca = new TestCa();
  private final Server server;
  private final Map<String, String> setupKeys = new ConcurrentHashMap<>();
  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final Map<String, List<RemotePeer>> peers = new ConcurrentHashMap<>();
  private final Map<String, List<StreamObserver<NetworkMap>>> streams = new ConcurrentHashMap<>();
  private final List<PostureReport> reports = new CopyOnWriteArrayList<>();
  private final List<SyncRequest> syncs = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextAddress = new AtomicInteger(7);
  private final AtomicInteger serial = new AtomicInteger();
  private volatile boolean dark;

  public CoordinatorDouble() throws IOException {
    KeyPair serverKey = TlsIdentity.generateKeyPair();
    X509Certificate serverCertificate = ca.server(serverKey);
    String chain = pem(serverCertificate) + pem(ca.certificate());
    TlsServerCredentials.Builder tls =
        TlsServerCredentials.newBuilder()
            .keyManager(
                stream(chain),
                stream(Pem.encode("PRIVATE KEY", serverKey.getPrivate().getEncoded())))
            .trustManager(stream(pem(ca.certificate())))
            .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL);
    server =
        Grpc.newServerBuilderForPort(0, tls.build())
            // as the coordinator: agents ping every 30 s
            .permitKeepAliveTime(20, java.util.concurrent.TimeUnit.SECONDS)
            .addService(new Enrolment())
            .addService(ServerInterceptors.intercept(new Agent(), new DeviceCertificateCheck()))
            .build()
            .start();
  }

  public int port() {
    return server.getPort();
  }

  public TestCa ca() {
    return ca;
  }

  /** A setup key; a non-null refusal makes Enrol fail with PERMISSION_DENIED and that text. */
  public void setupKey(String key, String refusal) {
    setupKeys.put(key, refusal == null ? "" : refusal);
  }

  public List<Device> devices() {
    return List.copyOf(devices.values());
  }

  public List<PostureReport> reports() {
    return List.copyOf(reports);
  }

  public int syncCount() {
    return syncs.size();
  }

  public List<SyncRequest> syncs() {
    return List.copyOf(syncs);
  }

  /** Replaces the peers a device may reach and pushes the new map to its open streams. */
  public void setPeers(String peerId, List<RemotePeer> list) {
    peers.put(peerId, List.copyOf(list));
    for (StreamObserver<NetworkMap> stream : streams.getOrDefault(peerId, List.of())) {
      synchronized (stream) {
        stream.onNext(map(peerId));
      }
    }
  }

  /** Behaves as if unreachable: open streams fail, new calls are refused as UNAVAILABLE. */
  public void goDark() {
    dark = true;
    streams.forEach(
        (peer, list) -> {
          for (StreamObserver<NetworkMap> stream : list) {
            synchronized (stream) {
              stream.onError(
                  Status.UNAVAILABLE
                      .withDescription("coordinator going away")
                      .asRuntimeException());
            }
          }
          list.clear();
        });
  }

  public void comeBack() {
    dark = false;
  }

  /** Removes the device: its open streams end with PERMISSION_DENIED, as do its next calls. */
  public void revoke(String peerId) {
    revoked.add(peerId);
    for (StreamObserver<NetworkMap> stream : streams.getOrDefault(peerId, List.of())) {
      synchronized (stream) {
        stream.onError(
            Status.PERMISSION_DENIED.withDescription("device revoked").asRuntimeException());
      }
    }
    streams.remove(peerId);
  }

  private NetworkMap map(String peerId) {
    Device device = devices.get(peerId);
    return NetworkMap.newBuilder()
        .setSerial(serial.incrementAndGet())
        .setSelf(
            PeerConfig.newBuilder()
                .setPeerId(peerId)
                .setName("device-" + peerId)
                .setMeshAddress(device.meshAddress()))
        .addAllPeers(peers.getOrDefault(peerId, List.of()))
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination();
  }

  private final class Enrolment extends EnrolmentGrpc.EnrolmentImplBase {
    @Override
    public void enrol(EnrolRequest request, StreamObserver<EnrolResponse> response) {
      String refusal = setupKeys.get(request.getSetupKey());
      if (refusal == null) {
        response.onError(
            Status.UNAUTHENTICATED.withDescription("unknown setup key").asRuntimeException());
        return;
      }
      if (!refusal.isEmpty()) {
        response.onError(Status.PERMISSION_DENIED.withDescription(refusal).asRuntimeException());
        return;
      }
      byte[] wireGuardKey;
      try {
        wireGuardKey = Base64.getDecoder().decode(request.getWireguardPublicKey());
      } catch (IllegalArgumentException e) {
        wireGuardKey = new byte[0];
      }
      if (wireGuardKey.length != 32) {
        response.onError(
            Status.INVALID_ARGUMENT
                .withDescription("wireguard_public_key must be 32 bytes")
                .asRuntimeException());
        return;
      }
      String peerId = "peer-" + nextAddress.get();
      X509Certificate certificate;
      try {
        certificate = ca.issue(request.getCertificateRequest().toByteArray(), peerId);
      } catch (IllegalArgumentException e) {
        response.onError(
            Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        return;
      }
      String meshAddress = "100.64.0." + nextAddress.getAndIncrement() + "/10";
      devices.put(
          peerId,
          new Device(
              peerId, request.getWireguardPublicKey(), meshAddress, request.getFacts().getFacts()));
      try {
        response.onNext(
            EnrolResponse.newBuilder()
                .setPeerId(peerId)
                .setPeerName(request.getHostname())
                .setMeshAddress(meshAddress)
                .setDeviceCertificate(ByteString.copyFrom(certificate.getEncoded()))
                .setCaCertificate(ByteString.copyFrom(ca.certificate().getEncoded()))
                .setCertificateExpiresAt(
                    Timestamp.newBuilder()
                        .setSeconds(certificate.getNotAfter().toInstant().getEpochSecond()))
                .build());
        response.onCompleted();
      } catch (java.security.cert.CertificateEncodingException e) {
        response.onError(Status.INTERNAL.withCause(e).asRuntimeException());
      }
    }
  }

  private final class Agent extends AgentGrpc.AgentImplBase {
    @Override
    public void reportPosture(PostureReport request, StreamObserver<PostureAck> response) {
      if (dark) {
        response.onError(Status.UNAVAILABLE.asRuntimeException());
        return;
      }
      reports.add(request);
      String version =
          request
              .getFacts()
              .getFacts()
              .getFieldsOrDefault("os.version", com.google.protobuf.Value.getDefaultInstance())
              .getStringValue();
      boolean pass = !version.isEmpty() && !version.equals("1");
      response.onNext(
          PostureAck.newBuilder()
              .addVerdicts(
                  PostureVerdict.newBuilder()
                      .setPluginId("os-version")
                      .setVerdict(pass ? "pass" : "fail")
                      .setReason(pass ? "" : "os.version " + version + " is below 2"))
              .build());
      response.onCompleted();
    }

    @Override
    public void sync(SyncRequest request, StreamObserver<NetworkMap> response) {
      if (dark) {
        response.onError(
            Status.UNAVAILABLE.withDescription("coordinator unavailable").asRuntimeException());
        return;
      }
      String peerId = PEER_ID.get();
      syncs.add(request);
      List<StreamObserver<NetworkMap>> list =
          streams.computeIfAbsent(peerId, p -> new CopyOnWriteArrayList<>());
      list.add(response);
      ((ServerCallStreamObserver<NetworkMap>) response)
          .setOnCancelHandler(() -> list.remove(response));
      synchronized (response) {
        response.onNext(map(peerId));
      }
    }
  }

  /** Identifies the device by its certificate's CN; the TLS layer already checked the CA. */
  private final class DeviceCertificateCheck implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      String peerId = null;
      try {
        Certificate[] chain = session == null ? new Certificate[0] : session.getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate device) {
          String subject = device.getSubjectX500Principal().getName();
          peerId = subject.startsWith("CN=") ? subject.substring(3) : null;
        }
      } catch (SSLPeerUnverifiedException e) {
        peerId = null;
      }
      if (peerId == null || !devices.containsKey(peerId)) {
        call.close(
            Status.UNAUTHENTICATED.withDescription("device certificate required"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      if (revoked.contains(peerId)) {
        call.close(Status.PERMISSION_DENIED.withDescription("device revoked"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return Contexts.interceptCall(
          Context.current().withValue(PEER_ID, peerId), call, headers, next);
    }
  }

  private static String pem(X509Certificate certificate) {
    try {
      return Pem.encode("CERTIFICATE", certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** A remote peer as the coordinator would list it. */
  public static RemotePeer peer(
      String id, String publicKey, String meshAddress, String... endpoints) {
    return RemotePeer.newBuilder()
        .setPeerId(id)
        .setName("device-" + id)
        .setWireguardPublicKey(publicKey)
        .setMeshAddress(meshAddress)
        .addAllEndpoints(new ArrayList<>(List.of(endpoints)))
        .build();
  }
}
