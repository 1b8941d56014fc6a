package io.meshward.relay.session;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Authenticated sessions by peer int: the forwarding path finds a destination with one array read.
 * Writers (authentication, disconnects) serialize on the table; readers never lock.
 */
public final class SessionTable {

  private volatile AtomicReferenceArray<Session> slots = new AtomicReferenceArray<>(1024);
  private final AtomicInteger size = new AtomicInteger();

  public Session get(int peer) {
    AtomicReferenceArray<Session> current = slots;
    return peer >= 0 && peer < current.length() ? current.get(peer) : null;
  }

  /** Registers {@code session}; returns the session it displaced for the same peer, if any. */
  public synchronized Session register(Session session) {
    int peer = session.peer();
    AtomicReferenceArray<Session> current = slots;
    if (peer >= current.length()) {
      AtomicReferenceArray<Session> bigger =
          new AtomicReferenceArray<>(Integer.highestOneBit(peer) << 1);
      for (int i = 0; i < current.length(); i++) {
        bigger.set(i, current.get(i));
      }
      slots = bigger;
      current = bigger;
    }
    Session previous = current.getAndSet(peer, session);
    if (previous == null) {
      size.incrementAndGet();
    }
    return previous;
  }

  /** Removes {@code session} unless another connection of the same peer already replaced it. */
  public synchronized void unregister(Session session) {
    if (slots.compareAndSet(session.peer(), session, null)) {
      size.decrementAndGet();
    }
  }

  public int size() {
    return size.get();
  }

  public void forEach(Consumer<Session> action) {
    AtomicReferenceArray<Session> current = slots;
    for (int i = 0; i < current.length(); i++) {
      Session session = current.get(i);
      if (session != null) {
        action.accept(session);
      }
    }
  }
}
