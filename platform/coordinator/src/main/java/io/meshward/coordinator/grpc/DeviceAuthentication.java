package io.meshward.coordinator.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.meshward.coordinator.peers.DeviceCertificates;
import io.meshward.coordinator.peers.DevicePrincipal;
import io.meshward.protocol.v1.EnrolmentGrpc;
import io.meshward.protocol.v1.HealthGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Mutual TLS for every call except enrolment and health: the TLS layer has already checked that a
 * presented certificate chains to our CA; here each call checks that it still stands for a live,
 * unrevoked peer, and hands the device identity to the service through the gRPC context.
 */
final class DeviceAuthentication implements ServerInterceptor {

  static final Context.Key<DevicePrincipal> DEVICE = Context.key("meshward-device");

  /** The address the call came from, when the transport tells it (for geolocation posture). */
  static final Context.Key<InetAddress> REMOTE_ADDRESS = Context.key("meshward-remote-address");

  private static final Set<String> OPEN_SERVICES =
      Set.of(EnrolmentGrpc.SERVICE_NAME, HealthGrpc.SERVICE_NAME);

  private final DeviceCertificates certificates;

  DeviceAuthentication(DeviceCertificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    Optional<X509Certificate> certificate = clientCertificate(call);
    if (certificate.isEmpty()) {
      return refuse(call, "this call needs a device certificate; enrol first");
    }
    Optional<DevicePrincipal> device;
    try {
      device = certificates.verify(certificate.get());
    } catch (RuntimeException e) {
      call.close(Status.UNAVAILABLE.withDescription("cannot check the device now"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (device.isEmpty()) {
      return refuse(
          call, "device certificate is revoked or expired (peer deleted?); enrol the device again");
    }
    Context context = Context.current().withValue(DEVICE, device.get());
    if (call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)
        instanceof InetSocketAddress remote) {
      context = context.withValue(REMOTE_ADDRESS, remote.getAddress());
    }
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String reason) {
    call.close(Status.UNAUTHENTICATED.withDescription(reason), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static Optional<X509Certificate> clientCertificate(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x509
          ? Optional.of(x509)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException noCertificate) {
      return Optional.empty();
    }
  }
}
