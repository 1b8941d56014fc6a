package io.meshward.coordinator.relays;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.meshward.protocol.v1.AllowedPairs;
import io.meshward.protocol.v1.RelayCredential;
import java.util.HashMap;
import java.util.Map;

/**
 * One relay's open Subscribe stream. Only the newest snapshot matters, so a relay that cannot keep
 * up gets the latest one once its stream is ready again instead of a backlog of stale ones.
 */
final class RelaySession {

  final String relayId;
  final String accountId;
  private final ServerCallStreamObserver<AllowedPairs> stream;

  /** Credentials already derived for this relay, by peer and generation: confined to the hub. */
  private final Map<String, RelayCredential> credentials = new HashMap<>();

  private final Map<String, Long> credentialGenerations = new HashMap<>();
  private AllowedPairs waiting;
  private boolean closed;

  RelaySession(String relayId, String accountId, ServerCallStreamObserver<AllowedPairs> stream) {
    this.relayId = relayId;
    this.accountId = accountId;
    this.stream = stream;
    stream.setOnReadyHandler(this::flush);
  }

  void onCancel(Runnable handler) {
    stream.setOnCancelHandler(
        () -> {
          synchronized (this) {
            closed = true;
            waiting = null;
          }
          handler.run();
        });
  }

  /** The relay's entry for a peer: the SHA-256 of the peer's credential at this relay. */
  RelayCredential credential(String peerId, long generation, RelayCredentialKey key) {
    RelayCredential cached = credentials.get(peerId);
    if (cached != null && credentialGenerations.get(peerId) == generation) {
      return cached;
    }
    RelayCredential fresh =
        RelayCredential.newBuilder()
            .setPeerId(peerId)
            .setCredentialSha256(
                io.meshward.coordinator.auth.SecretTokens.sha256Hex(
                    key.credential(relayId, peerId, generation)))
            .build();
    credentials.put(peerId, fresh);
    credentialGenerations.put(peerId, generation);
    return fresh;
  }

  /** Forgets cached credentials of peers that are gone. */
  void retainCredentials(java.util.Set<String> livePeers) {
    if (credentials.size() > livePeers.size()) {
      credentials.keySet().retainAll(livePeers);
      credentialGenerations.keySet().retainAll(livePeers);
    }
  }

  synchronized void send(AllowedPairs snapshot) {
    if (closed) {
      return;
    }
    waiting = snapshot;
    flush();
  }

  private synchronized void flush() {
    if (closed || waiting == null || !stream.isReady()) {
      return;
    }
    AllowedPairs next = waiting;
    waiting = null;
    try {
      stream.onNext(next);
    } catch (RuntimeException e) {
      closed = true;
    }
  }

  synchronized void close(Status status) {
    if (closed) {
      return;
    }
    closed = true;
    waiting = null;
    try {
      stream.onError(status.asRuntimeException());
    } catch (RuntimeException alreadyGone) {
      // the relay went away first
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
