package io.meshward.coordinator.grpc;

import io.grpc.stub.StreamObserver;
import io.meshward.protocol.v1.HealthGrpc;
import io.meshward.protocol.v1.HealthRequest;
import io.meshward.protocol.v1.HealthResponse;

/** Lets agents and load balancers check the gRPC endpoint without credentials. */
final class HealthGrpcService extends HealthGrpc.HealthImplBase {

  private final String version;

  HealthGrpcService(String version) {
    this.version = version;
  }

  @Override
  public void check(HealthRequest request, StreamObserver<HealthResponse> response) {
    response.onNext(HealthResponse.newBuilder().setStatus("SERVING").setVersion(version).build());
    response.onCompleted();
  }
}
