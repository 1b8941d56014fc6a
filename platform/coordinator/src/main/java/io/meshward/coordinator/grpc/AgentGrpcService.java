package io.meshward.coordinator.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.meshward.coordinator.networkmap.EncodedNetworkMap;
import io.meshward.coordinator.networkmap.NetworkMapService;
import io.meshward.coordinator.peers.DevicePrincipal;
import io.meshward.coordinator.peers.PeerService;
import io.meshward.protocol.v1.AgentGrpc;
import io.meshward.protocol.v1.NetworkMap;
import io.meshward.protocol.v1.PostureAck;
import io.meshward.protocol.v1.PostureReport;
import io.meshward.protocol.v1.SyncRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code Agent}: posture reports and the Sync stream, for authenticated devices only. */
final class AgentGrpcService extends AgentGrpc.AgentImplBase {

  private static final Logger log = LoggerFactory.getLogger(AgentGrpcService.class);
  static final int MAX_ENDPOINTS = 32;
  static final int MAX_FACTS = 512;

  private final PeerService peers;
  private final NetworkMapService maps;
  private final PostureVerdicts verdicts;

  AgentGrpcService(PeerService peers, NetworkMapService maps, PostureVerdicts verdicts) {
    this.peers = peers;
    this.maps = maps;
    this.verdicts = verdicts;
  }

  /**
   * Stores the facts and announces them; the posture plugin host evaluates them once the report is
   * committed, and the answer carries the verdicts it then holds for the device.
   */
  @Override
  public void reportPosture(PostureReport request, StreamObserver<PostureAck> response) {
    DevicePrincipal device = DeviceAuthentication.DEVICE.get();
    Map<String, Object> facts = StructConversion.toMap(request.getFacts().getFacts());
    if (facts.size() > MAX_FACTS) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription("too many facts (" + facts.size() + " > " + MAX_FACTS + ")")
              .asRuntimeException());
      return;
    }
    Instant collectedAt =
        request.hasCollectedAt()
            ? Instant.ofEpochSecond(
                request.getCollectedAt().getSeconds(), request.getCollectedAt().getNanos())
            : null;
    try {
      peers.recordPosture(
          device,
          facts,
          collectedAt,
          Optional.ofNullable(DeviceAuthentication.REMOTE_ADDRESS.get()));
    } catch (RuntimeException e) {
      log.error("Storing posture of peer {} failed", device.peerId(), e);
      response.onError(
          Status.INTERNAL.withDescription("could not store the report").asRuntimeException());
      return;
    }
    response.onNext(PostureAck.newBuilder().addAllVerdicts(verdicts.of(device.peerId())).build());
    response.onCompleted();
  }

  /**
   * Serves Sync with the response marshaller of {@link EncodedNetworkMap}: maps arrive here already
   * serialised (the network map service encodes each once) and go out as ordinary NetworkMap bytes.
   */
  ServerServiceDefinition definition() {
    ServerServiceDefinition generated = bindService();
    MethodDescriptor<SyncRequest, NetworkMap> sync = AgentGrpc.getSyncMethod();
    MethodDescriptor<SyncRequest, EncodedNetworkMap> encodedSync =
        sync.toBuilder(sync.getRequestMarshaller(), EncodedNetworkMap.MARSHALLER).build();
    ServiceDescriptor generatedService = generated.getServiceDescriptor();
    ServiceDescriptor.Builder service =
        ServiceDescriptor.newBuilder(generatedService.getName())
            .setSchemaDescriptor(generatedService.getSchemaDescriptor())
            .addMethod(encodedSync);
    List<ServerMethodDefinition<?, ?>> others = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
      if (!method.getMethodDescriptor().getFullMethodName().equals(sync.getFullMethodName())) {
        service.addMethod(method.getMethodDescriptor());
        others.add(method);
      }
    }
    ServerServiceDefinition.Builder definition =
        ServerServiceDefinition.builder(service.build())
            .addMethod(encodedSync, ServerCalls.asyncServerStreamingCall(this::openSync));
    others.forEach(definition::addMethod);
    return definition.build();
  }

  private void openSync(SyncRequest request, StreamObserver<EncodedNetworkMap> response) {
    DevicePrincipal device = DeviceAuthentication.DEVICE.get();
    String problem = endpointProblem(request.getEndpointsList());
    if (problem == null && request.getAgentVersion().length() > 100) {
      problem = "agent_version is longer than 100 characters";
    }
    if (problem != null) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(problem).asRuntimeException());
      return;
    }
    try {
      peers.recordSync(device, request.getEndpointsList(), request.getAgentVersion());
    } catch (RuntimeException e) {
      log.warn("Sync of peer {} refused: {}", device.peerId(), e.toString());
      response.onError(
          Status.UNAUTHENTICATED
              .withDescription("this peer no longer exists")
              .asRuntimeException());
      return;
    }
    maps.open(device, (ServerCallStreamObserver<EncodedNetworkMap>) response);
  }

  /**
   * @return what is wrong with the endpoints, or null if they are fine
   */
  static String endpointProblem(List<String> endpoints) {
    if (endpoints.size() > MAX_ENDPOINTS) {
      return "too many endpoints (" + endpoints.size() + " > " + MAX_ENDPOINTS + ")";
    }
    for (String endpoint : endpoints) {
      if (endpoint.isEmpty() || endpoint.length() > 64 || endpoint.contains(",")) {
        return "endpoint '" + endpoint + "' is not an ip:port address";
      }
      try {
        URI uri = new URI("udp://" + endpoint);
        if (uri.getHost() == null
            || uri.getPort() < 1
            || uri.getPort() > 65535
            || uri.getPath() != null && !uri.getPath().isEmpty()) {
          return "endpoint '" + endpoint + "' is not an ip:port address";
        }
      } catch (java.net.URISyntaxException e) {
        return "endpoint '" + endpoint + "' is not an ip:port address";
      }
    }
    return null;
  }
}
