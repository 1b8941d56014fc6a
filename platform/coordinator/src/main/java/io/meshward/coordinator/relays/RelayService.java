package io.meshward.coordinator.relays;

import io.meshward.coordinator.api.ConflictException;
import io.meshward.coordinator.api.InvalidRequestException;
import io.meshward.coordinator.api.NotFoundException;
import io.meshward.coordinator.audit.AuditLog;
import io.meshward.coordinator.auth.SecretTokens;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, lists and deletes relays, and checks the token a relay subscribes with. */
@Service
public class RelayService {

  static final String TOKEN_PREFIX = "mwr_";
  private static final int MAX_ID_LENGTH = 36;
  private static final int MAX_TOKEN_LENGTH = 200;

  /** Hashed when the presented id is unknown, so that both refusals cost the same. */
  private static final String NO_SUCH_RELAY_HASH = SecretTokens.sha256Hex("no such relay");

  private final RelayRepository relays;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  RelayService(
      RelayRepository relays, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
    this.relays = relays;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public IssuedRelay register(String accountId, String name, String address, String actor) {
    String problem = RelayAddress.problem(address);
    if (problem != null) {
      throw new InvalidRequestException("address", problem);
    }
    if (relays.existsByAccountIdAndName(accountId, name)) {
      throw new ConflictException("a relay named '" + name + "' already exists");
    }
    String token = SecretTokens.generate(TOKEN_PREFIX);
    Relay relay =
        relays.saveAndFlush(
            new Relay(
                accountId, name, address, SecretTokens.sha256Hex(token), actor, clock.instant()));
    audit.record(accountId, actor, "relay.created", relay.id(), null, describe(relay));
    events.publishEvent(new RelayEvents.RelayAdded(accountId, relay.id()));
    return new IssuedRelay(relay.id(), relay.name(), relay.address(), token, relay.createdAt());
  }

  @Transactional(readOnly = true)
  public List<Relay> list(String accountId) {
    return relays.findByAccountIdOrderByName(accountId);
  }

  /** Deletes the relay; its subscription is closed once the deletion is committed. */
  @Transactional
  public void delete(String accountId, String relayId, String actor) {
    Relay relay =
        relays
            .findByIdAndAccountId(relayId, accountId)
            .orElseThrow(() -> new NotFoundException("relay", relayId));
    relays.delete(relay);
    relays.flush();
    audit.record(accountId, actor, "relay.deleted", relay.id(), describe(relay), null);
    events.publishEvent(new RelayEvents.RelayDeleted(accountId, relay.id()));
  }

  /** The relay an id and token stand for, if the relay exists and the token is its own. */
  @Transactional(readOnly = true)
  public Optional<Relay> authenticate(String relayId, String token) {
    if (relayId == null
        || token == null
        || relayId.length() > MAX_ID_LENGTH
        || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String presented = SecretTokens.sha256Hex(token);
    Optional<Relay> relay = relays.findById(relayId);
    String expected = relay.map(Relay::tokenHash).orElse(NO_SUCH_RELAY_HASH);
    boolean matches = SecretTokens.sameHash(expected, presented);
    return matches ? relay : Optional.empty();
  }

  @Transactional(readOnly = true)
  public boolean exists(String relayId) {
    return relays.existsById(relayId);
  }

  /** Every relay of the account, as agents are given them. */
  @Transactional(readOnly = true)
  List<RelayEndpoint> endpoints(String accountId) {
    return relays.findByAccountIdOrderByName(accountId).stream()
        .map(r -> new RelayEndpoint(r.id(), r.address()))
        .toList();
  }

  private static Map<String, Object> describe(Relay relay) {
    var map = new LinkedHashMap<String, Object>();
    map.put("name", relay.name());
    map.put("address", relay.address());
    return map;
  }
}
