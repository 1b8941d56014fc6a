package io.meshward.coordinator.api;

/**
 * An object that does not exist, or that belongs to another account: both answer 404 so a caller
 * cannot probe other accounts for ids.
 */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String kind, String id) {
    super(kind + " " + id + " not found");
  }
}
