package io.meshward.agent.link;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.meshward.agent.keys.Pem;
import io.meshward.agent.keys.TlsIdentity;
import io.meshward.agent.keys.WireGuardKeyPair;
import io.meshward.agent.keys.WireGuardKeys;
import io.meshward.agent.state.DeviceCredentials;
import io.meshward.agent.state.Enrolment;
import io.meshward.protocol.v1.DeviceFacts;
import io.meshward.protocol.v1.EnrolRequest;
import io.meshward.protocol.v1.EnrolResponse;
import io.meshward.protocol.v1.EnrolmentGrpc;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Enrols this device: generates its WireGuard and TLS keys locally, sends only the public halves
 * (the TLS one inside a CSR) with the setup key, and checks what comes back before trusting it.
 */
public final class Enroller {

  private final CoordinatorAddress address;
  private final Optional<CaFingerprint> pin;
  private final Duration timeout;

  public Enroller(CoordinatorAddress address, Optional<CaFingerprint> pin, Duration timeout) {
    this.address = address;
    this.pin = pin;
    this.timeout = timeout;
  }

  public DeviceCredentials enrol(String setupKey, String hostname, Map<String, Object> facts) {
    WireGuardKeyPair wireGuard = WireGuardKeys.generate();
    KeyPair tls = TlsIdentity.generateKeyPair();
    EnrolRequest request =
        EnrolRequest.newBuilder()
            .setSetupKey(setupKey)
            .setWireguardPublicKey(wireGuard.publicKeyBase64())
            .setCertificateRequest(
                ByteString.copyFrom(TlsIdentity.certificateRequest(tls, hostname)))
            .setHostname(hostname)
            .setFacts(DeviceFacts.newBuilder().setFacts(FactsStruct.toStruct(facts)))
            .build();
    ManagedChannel channel = Channels.enrolment(address, pin);
    try {
      EnrolResponse response =
          EnrolmentGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .enrol(request);
      return accept(response, wireGuard, tls);
    } catch (StatusRuntimeException e) {
      throw FailureClassifier.enrolment(e, address);
    } finally {
      channel.shutdownNow();
    }
  }

  private DeviceCredentials accept(
      EnrolResponse response, WireGuardKeyPair wireGuard, KeyPair tls) {
    X509Certificate device;
    X509Certificate ca;
    try {
      device = Pem.certificate(response.getDeviceCertificate().toByteArray());
      ca = Pem.certificate(response.getCaCertificate().toByteArray());
    } catch (IllegalArgumentException e) {
      throw protocol("sent an unreadable certificate: " + e.getMessage(), e);
    }
    if (!java.util.Arrays.equals(
        device.getPublicKey().getEncoded(), tls.getPublic().getEncoded())) {
      throw protocol("issued a certificate for another key than the one this device sent", null);
    }
    try {
      device.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw protocol("issued a device certificate its CA certificate did not sign", e);
    }
    if (response.getPeerId().isBlank() || response.getMeshAddress().isBlank()) {
      throw protocol("answered without a peer id or mesh address", null);
    }
    Instant expires =
        response.hasCertificateExpiresAt()
            ? Instant.ofEpochSecond(
                response.getCertificateExpiresAt().getSeconds(),
                response.getCertificateExpiresAt().getNanos())
            : device.getNotAfter().toInstant();
    Enrolment enrolment =
        new Enrolment(
            response.getPeerId(),
            response.getPeerName(),
            response.getMeshAddress(),
            address.target(),
            Instant.now(),
            expires);
    return new DeviceCredentials(enrolment, wireGuard, tls.getPrivate(), device, ca);
  }

  private LinkFailure protocol(String what, Throwable cause) {
    return new LinkFailure(
        LinkFailure.Kind.PROTOCOL,
        "the coordinator at " + address + " " + what + "; nothing was saved, try again later",
        cause);
  }
}
