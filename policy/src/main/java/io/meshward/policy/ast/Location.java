package io.meshward.policy.ast;

/** Where a piece of Rego source starts: file name, 1-based row and column. */
public record Location(String file, int row, int col) {

  public static final Location NONE = new Location("", 0, 0);

  @Override
  public String toString() {
    return file + ":" + row + ":" + col;
  }
}
