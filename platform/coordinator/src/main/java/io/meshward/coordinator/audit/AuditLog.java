package io.meshward.coordinator.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account's audit trail. Changes are recorded in the same transaction as the change itself, so
 * a change is never kept without its record (nor the other way round).
 */
@Service
public class AuditLog {

  private final AuditEventRepository events;
  private final JsonMapper json;
  private final Clock clock;

  AuditLog(AuditEventRepository events, JsonMapper json, Clock clock) {
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** Records a change to an object; {@code before}/{@code after} are serialised as JSON. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(
      String accountId, String actor, String kind, String objectId, Object before, Object after) {
    recordAbout(accountId, actor, kind, objectId, null, before, after);
  }

  /** As {@link #record}, tagging the peer the change concerns so it can be searched by peer. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordAbout(
      String accountId,
      String actor,
      String kind,
      String objectId,
      String peerId,
      Object before,
      Object after) {
    events.save(
        new AuditEvent(
            accountId,
            clock.instant(),
            actor,
            kind,
            objectId,
            peerId,
            toJson(before),
            toJson(after)));
  }

  /**
   * Records decision flips computed by the network map, at most {@code limit} of them one by one
   * and the rest as one summary event (a policy change can flip millions of pairs).
   */
  @Transactional
  public void recordDecisionFlips(String accountId, List<DecisionFlip> flips, int limit) {
    for (DecisionFlip flip : flips.subList(0, Math.min(limit, flips.size()))) {
      var before = new java.util.LinkedHashMap<String, Object>();
      before.put("from", flip.fromPeerId());
      before.put("to", flip.toPeerId());
      before.put("allowed", !flip.allowed());
      var after = new java.util.LinkedHashMap<String, Object>(before);
      after.put("allowed", flip.allowed());
      if (flip.reason() != null) {
        after.put("reason", flip.reason());
      }
      recordAbout(
          accountId,
          "system:networkmap",
          flip.allowed() ? "decision.allowed" : "decision.denied",
          flip.toPeerId(),
          flip.fromPeerId(),
          before,
          after);
    }
    if (flips.size() > limit) {
      recordAbout(
          accountId,
          "system:networkmap",
          "decision.flips_truncated",
          null,
          null,
          null,
          java.util.Map.of("recorded", limit, "total", flips.size()));
    }
  }

  @Transactional(readOnly = true)
  public List<AuditEvent> search(
      String accountId, Instant from, Instant to, String peerId, String kind, int limit) {
    Specification<AuditEvent> spec =
        (root, query, cb) -> {
          var conditions = new java.util.ArrayList<jakarta.persistence.criteria.Predicate>();
          conditions.add(cb.equal(root.get("accountId"), accountId));
          conditions.add(cb.greaterThanOrEqualTo(root.get("occurredAt"), from));
          conditions.add(cb.lessThan(root.get("occurredAt"), to));
          if (peerId != null) {
            conditions.add(
                cb.or(
                    cb.equal(root.get("peerId"), peerId), cb.equal(root.get("objectId"), peerId)));
          }
          if (kind != null) {
            conditions.add(cb.equal(root.get("kind"), kind));
          }
          return cb.and(conditions.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    return events
        .findAll(spec, PageRequest.of(0, limit, Sort.by(Sort.Direction.DESC, "occurredAt")))
        .getContent();
  }

  private String toJson(Object value) {
    return value == null ? null : json.writeValueAsString(value);
  }
}
