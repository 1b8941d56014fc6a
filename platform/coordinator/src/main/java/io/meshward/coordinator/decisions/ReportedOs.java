package io.meshward.coordinator.decisions;

import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code os} object of the policy input ({@code platform}, {@code version}, {@code kernel},
 * {@code distribution}), read from each peer's latest posture report. Facts a device did not report
 * are absent, so a policy that needs them sees undefined.
 */
@Component
class ReportedOs {

  private static final String[] FIELDS = {"platform", "version", "kernel", "distribution"};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ReportedOs(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** By peer id, for every peer of the account that reported. */
  Map<String, ObjectValue> ofAccount(String accountId) {
    Map<String, ObjectValue> out = new HashMap<>();
    jdbc.sql("SELECT peer_id, facts FROM posture_report WHERE account_id = ?")
        .param(accountId)
        .query(
            rs -> {
              out.put(rs.getString(1), parse(rs.getString(2)));
            });
    return out;
  }

  private ObjectValue parse(String factsJson) {
    ObjectValue.Builder os = ObjectValue.builder();
    if (factsJson == null) {
      return os.build();
    }
    JsonNode facts;
    try {
      facts = json.readTree(factsJson);
    } catch (RuntimeException e) {
      return os.build();
    }
    for (String field : FIELDS) {
      JsonNode value = facts.get("os." + field);
      if (value != null && value.isString()) {
        os.put(field, (Value) StringValue.of(value.asString()));
      }
    }
    return os.build();
  }
}
