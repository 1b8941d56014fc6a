package io.meshward.relay;

/** Command-line entry point of the Meshward relay. */
public final class RelayMain {

  private RelayMain() {}

  public static void main(String[] args) {
    System.out.println("meshward-relay " + RelayMain.class.getPackage().getImplementationVersion());
  }
}
