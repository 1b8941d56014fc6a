package io.meshward.coordinator.relays;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.RelayControlGrpc;
import io.meshward.protocol.v1.RelaySubscribeRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code RelayControl}: relays authenticate with their id and token (no client certificate) and
 * then receive their account's allowed pairs. Registered on the gRPC endpoint without the device
 * interceptor; the token check here is the authentication.
 */
@Component
public class RelayControlService extends RelayControlGrpc.RelayControlImplBase {

  private static final Logger log = LoggerFactory.getLogger(RelayControlService.class);

  static final String DELETED = "this relay was deleted at the coordinator; register it again";

  private final RelayService relays;
  private final RelaySubscriptions subscriptions;

  RelayControlService(RelayService relays, RelaySubscriptions subscriptions) {
    this.relays = relays;
    this.subscriptions = subscriptions;
  }

  @Override
  public void subscribe(RelaySubscribeRequest request, StreamObserver<AllowedPairs> response) {
    Optional<Relay> relay;
    try {
      relay = relays.authenticate(request.getRelayId(), request.getRelayToken());
    } catch (RuntimeException e) {
      log.error("Could not check the credentials of a relay", e);
      response.onError(
          Status.UNAVAILABLE
              .withDescription("the coordinator cannot check relay tokens now; retry")
              .asRuntimeException());
      return;
    }
    if (relay.isEmpty()) {
      log.warn("Refused a relay subscription for relay id '{}'", printable(request.getRelayId()));
      response.onError(
          Status.UNAUTHENTICATED
              .withDescription(
                  "unknown relay id or wrong relay token (or the relay was deleted); check the"
                      + " relay id and token file against the coordinator's relay list")
              .asRuntimeException());
      return;
    }
    subscriptions.open(relay.get(), (ServerCallStreamObserver<AllowedPairs>) response);
    // A deletion committed between the token check and the registration would be missed.
    if (!relays.exists(relay.get().id())) {
      subscriptions.close(relay.get().id(), Status.UNAUTHENTICATED.withDescription(DELETED));
      return;
    }
    log.info("Relay {} ({}) subscribed", relay.get().id(), relay.get().name());
  }

  private static String printable(String id) {
    String shortened = id.length() > 40 ? id.substring(0, 40) + "…" : id;
    return shortened.replaceAll("[^A-Za-z0-9._-]", "?");
  }
}
