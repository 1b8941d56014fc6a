package io.meshward.relay.policy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The snapshot the relay enforces right now. Swapping it is one atomic reference change; every
 * packet reads the current one, so a revoked pair stops with the very next packet. Starts empty:
 * until the coordinator has spoken, nobody is admitted and nothing is forwarded.
 */
public final class PolicyState {

  private final AtomicReference<PolicySnapshot> current =
      new AtomicReference<>(PolicySnapshot.empty(PeerIndex.empty()));
  private final List<Consumer<PolicySnapshot>> listeners = new CopyOnWriteArrayList<>();

  public PolicySnapshot current() {
    return current.get();
  }

  /** Installs {@code snapshot}, then tells listeners (who close sessions it no longer admits). */
  public synchronized void install(PolicySnapshot snapshot) {
    current.set(snapshot);
    for (Consumer<PolicySnapshot> listener : listeners) {
      listener.accept(snapshot);
    }
  }

  /** Fails closed: keeps the interned ids (ints stay stable) but admits and allows nothing. */
  public synchronized void dropAll() {
    install(PolicySnapshot.empty(current.get().peers()));
  }

  public void onInstall(Consumer<PolicySnapshot> listener) {
    listeners.add(listener);
  }
}
