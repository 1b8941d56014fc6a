package io.meshward.coordinator.api;

/** A request whose content is wrong in a way bean validation cannot see; names the field. */
public class InvalidRequestException extends RuntimeException {

  private final String field;

  public InvalidRequestException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
