package io.meshward.coordinator.api;

/** The request is well formed but clashes with the current state (e.g. a name already taken). */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
