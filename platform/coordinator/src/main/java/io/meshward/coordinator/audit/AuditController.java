package io.meshward.coordinator.audit;

import io.meshward.coordinator.auth.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the caller's account audit trail, newest first. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

  record AuditView(
      String id,
      Instant occurredAt,
      String actor,
      String kind,
      String objectId,
      String peerId,
      JsonNode before,
      JsonNode after) {}

  private final AuditLog audit;
  private final JsonMapper json;

  AuditController(AuditLog audit, JsonMapper json) {
    this.audit = audit;
    this.json = json;
  }

  @GetMapping
  List<AuditView> search(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(required = false) String peer,
      @RequestParam(required = false) String kind,
      @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
    Instant start = from == null ? Instant.EPOCH : from;
    Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
    return audit.search(caller.accountId(), start, end, peer, kind, limit).stream()
        .map(
            e ->
                new AuditView(
                    e.id(),
                    e.occurredAt(),
                    e.actor(),
                    e.kind(),
                    e.objectId(),
                    e.peerId(),
                    parse(e.beforeJson()),
                    parse(e.afterJson())))
        .toList();
  }

  private JsonNode parse(String text) {
    return text == null ? null : json.readTree(text);
  }
}
