package io.meshward.coordinator.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.meshward.coordinator.enrolment.Enrolment;
import io.meshward.coordinator.enrolment.EnrolmentRefusedException;
import io.meshward.coordinator.enrolment.EnrolmentService;
import io.meshward.coordinator.tls.CertificateRequests;
import io.meshward.protocol.v1.EnrolRequest;
import io.meshward.protocol.v1.EnrolResponse;
import io.meshward.protocol.v1.EnrolmentGrpc;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code Enrolment.Enrol}: the only agent call that needs no device certificate. */
final class EnrolmentGrpcService extends EnrolmentGrpc.EnrolmentImplBase {

  private static final Logger log = LoggerFactory.getLogger(EnrolmentGrpcService.class);

  private final EnrolmentService enrolment;

  EnrolmentGrpcService(EnrolmentService enrolment) {
    this.enrolment = enrolment;
  }

  @Override
  public void enrol(EnrolRequest request, StreamObserver<EnrolResponse> response) {
    try {
      EnrolmentService.validWireGuardKey(request.getWireguardPublicKey());
      PublicKey deviceKey;
      try {
        deviceKey =
            CertificateRequests.verifiedPublicKey(request.getCertificateRequest().toByteArray());
      } catch (IllegalArgumentException e) {
        throw new EnrolmentRefusedException(
            EnrolmentRefusedException.Reason.INVALID_REQUEST, e.getMessage());
      }
      Map<String, Object> facts =
          request.hasFacts() ? StructConversion.toMap(request.getFacts().getFacts()) : Map.of();
      Enrolment.Result result =
          enrolment.enrol(
              new Enrolment.Request(
                  request.getSetupKey(),
                  request.getWireguardPublicKey(),
                  deviceKey,
                  request.getHostname(),
                  facts));
      response.onNext(
          EnrolResponse.newBuilder()
              .setPeerId(result.peerId())
              .setPeerName(result.peerName())
              .setMeshAddress(result.meshAddressWithPrefix())
              .setDeviceCertificate(ByteString.copyFrom(result.deviceCertificate().getEncoded()))
              .setCaCertificate(ByteString.copyFrom(result.caCertificate().getEncoded()))
              .setCertificateExpiresAt(
                  Timestamp.newBuilder()
                      .setSeconds(result.certificateExpiresAt().getEpochSecond())
                      .setNanos(result.certificateExpiresAt().getNano()))
              .build());
      response.onCompleted();
      log.info("Enrolled peer {} ({})", result.peerName(), result.peerId());
    } catch (EnrolmentRefusedException e) {
      log.info("Enrolment refused: {}", e.getMessage());
      response.onError(status(e).withDescription(e.getMessage()).asRuntimeException());
    } catch (CertificateEncodingException | RuntimeException e) {
      log.error("Enrolment failed", e);
      response.onError(
          Status.INTERNAL
              .withDescription("enrolment failed on the coordinator; see its log")
              .asRuntimeException());
    }
  }

  private static Status status(EnrolmentRefusedException e) {
    return switch (e.reason()) {
      case INVALID_REQUEST -> Status.INVALID_ARGUMENT;
      case UNKNOWN_SETUP_KEY -> Status.UNAUTHENTICATED;
      case SETUP_KEY_REVOKED, SETUP_KEY_EXPIRED, SETUP_KEY_EXHAUSTED -> Status.PERMISSION_DENIED;
      case ALREADY_ENROLLED -> Status.ALREADY_EXISTS;
      case ADDRESS_RANGE_FULL -> Status.RESOURCE_EXHAUSTED;
    };
  }
}
