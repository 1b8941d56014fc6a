package io.meshward.agent.state;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of the agent's state files: readable, ISO-8601 instants, tolerant of new keys. */
public final class StateJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private StateJson() {}

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  public static <T> T read(String json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      throw new StateException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
