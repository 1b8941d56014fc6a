package io.meshward.agent.relay;

import io.meshward.agent.link.Backoff;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One agent's connection to one relay (docs/relay-protocol.md): waits for the relay's CHALLENGE and
 * answers it with a HELLO proving it holds the credential (which never goes on the wire, nor into a
 * log), keeps the connection alive with PING, hands received DATA frames to a {@link RelayListener}
 * and sends DATA frames for {@link #send}. When the connection ends it reconnects with exponential
 * backoff and jitter; when the relay refuses the credential (or the client was at fault) it waits
 * for {@link #retry()}, which the owner calls on the next network map. Runs on virtual threads with
 * blocking sockets.
 */
public final class RelayClient implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RelayClient.class.getName());

  /** Timings the protocol recommends; tests shorten them. */
  public record Timing(
      Duration connectTimeout,
      Duration helloTimeout,
      Duration pingEvery,
      Duration pongTimeout,
      Duration backoffInitial,
      Duration backoffCap,
      Duration stableAfter) {

    public static Timing standard() {
      return new Timing(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofSeconds(25),
          Duration.ofSeconds(10),
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1));
    }
  }

  private final RelayAccess relay;
  private final String selfPeerId;
  private final RelayListener listener;
  private final Timing timing;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private volatile Connection connection;

  /** The connection being opened or authenticated, so close() can cut a handshake short. */
  private volatile Connection attempt;

  private volatile RelayStatus status =
      new RelayStatus(RelayStatus.State.CONNECTING, Optional.empty(), "starting");
  private boolean closed;
  private boolean retryRequested;
  private Thread loop;

  public RelayClient(RelayAccess relay, String selfPeerId, RelayListener listener, Timing timing) {
    RelayFrames.peerId(selfPeerId); // a bad id fails here, not in the connection loop
    this.relay = relay;
    this.selfPeerId = selfPeerId;
    this.listener = listener;
    this.timing = timing;
    this.backoff = new Backoff(timing.backoffInitial(), timing.backoffCap(), new SecureRandom());
  }

  /** Starts connecting in the background; returns at once. */
  public RelayClient start() {
    lock.lock();
    try {
      if (loop == null && !closed) {
        loop = Thread.ofVirtual().name("relay-" + relay.address()).start(this::run);
      }
    } finally {
      lock.unlock();
    }
    return this;
  }

  public RelayAccess relay() {
    return relay;
  }

  public RelayStatus status() {
    return status;
  }

  public boolean isConnected() {
    return connection != null && status.state() == RelayStatus.State.CONNECTED;
  }

  /**
   * Sends one WireGuard packet to {@code destinationPeerId}. Returns false, sending nothing, when
   * not connected: WireGuard tolerates the loss and retries on its own.
   */
  public boolean send(byte[] destinationPeerId, byte[] packet, int offset, int length) {
    Connection current = connection;
    if (current == null) {
      return false;
    }
    return current.write(RelayFrames.data(destinationPeerId, packet, offset, length));
  }

  /** Tries again now, after a refusal or during a backoff wait (a new network map arrived). */
  public void retry() {
    lock.lock();
    try {
      retryRequested = true;
      wakeUp.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    Thread running;
    lock.lock();
    try {
      closed = true;
      wakeUp.signalAll();
      running = loop;
    } finally {
      lock.unlock();
    }
    for (Connection open : new Connection[] {attempt, connection}) {
      if (open != null) {
        open.close();
      }
    }
    if (running != null) {
      try {
        running.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    publish(new RelayStatus(RelayStatus.State.CLOSED, Optional.empty(), "closed"));
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (!isClosed()) {
      publish(
          new RelayStatus(
              RelayStatus.State.CONNECTING, Optional.empty(), "connecting to " + relay.address()));
      long startedAt = System.nanoTime();
      Ending ending = connectOnce();
      if (isClosed()) {
        return;
      }
      if (System.nanoTime() - startedAt >= timing.stableAfter().toNanos()) {
        backoff.reset(); // a connection that held a while was no flapping
      }
      if (ending.refused()) {
        String detail =
            "relay "
                + relay.address()
                + " refused peer "
                + selfPeerId
                + ": "
                + ending.detail()
                + "; waiting for a new network map before trying again";
        LOG.warning(detail);
        publish(new RelayStatus(RelayStatus.State.REFUSED, ending.error(), detail));
        awaitRetry(Long.MAX_VALUE);
      } else {
        Duration wait = backoff.next();
        if (ending.error().filter(e -> e == RelayError.RATE_LIMITED).isPresent()) {
          wait = wait.plus(timing.backoffCap().dividedBy(2));
        }
        String detail =
            "relay "
                + relay.address()
                + ": "
                + ending.detail()
                + "; reconnecting in "
                + wait.toMillis()
                + " ms";
        LOG.info(detail);
        publish(new RelayStatus(RelayStatus.State.WAITING, ending.error(), detail));
        awaitRetry(wait.toNanos());
      }
    }
  }

  private void awaitRetry(long nanos) {
    lock.lock();
    try {
      long left = nanos;
      while (!closed && !retryRequested && left > 0) {
        left = wakeUp.awaitNanos(left);
      }
      retryRequested = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why a connection (attempt) ended; {@code refused} when retrying with the same settings cannot
   * help, so the client waits for a new network map.
   */
  private record Ending(Optional<RelayError> error, String detail, boolean refused) {
    Ending(Optional<RelayError> error, String detail) {
      this(error, detail, error.map(RelayError::waitForNewMap).orElse(false));
    }

    static Ending of(String detail) {
      return new Ending(Optional.empty(), detail);
    }

    static Ending refused(String detail) {
      return new Ending(Optional.empty(), detail, true);
    }
  }

  private Ending connectOnce() {
    InetSocketAddress unresolved = relay.socketAddress();
    Socket socket = new Socket();
    Connection current = new Connection(socket);
    attempt = current;
    if (isClosed()) {
      current.close(); // close() may have looked at attempt just before it was set
    }
    try {
      InetSocketAddress address =
          new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
      if (address.isUnresolved()) {
        return Ending.of("cannot resolve " + unresolved.getHostString());
      }
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) timing.connectTimeout().toMillis());
      socket.setSoTimeout((int) timing.helloTimeout().toMillis());
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      RelayFrames.Frame first;
      try {
        first = RelayFrames.read(in);
      } catch (SocketTimeoutException e) {
        return Ending.of(
            "no CHALLENGE from the relay in time (a relay older than protocol version "
                + RelayFrames.VERSION
                + " sends none: upgrade it)");
      }
      if (first == null) {
        return Ending.of("the relay closed the connection before sending its CHALLENGE");
      }
      if (first.type() == RelayFrames.ERROR) {
        return error(first.body());
      }
      if (first.type() != RelayFrames.CHALLENGE) {
        return Ending.of(
            "the relay opened with frame type "
                + first.type()
                + " instead of a CHALLENGE (not a Meshward relay of protocol version "
                + RelayFrames.VERSION
                + "?)");
      }
      int version = first.body().length > 0 ? first.body()[0] & 0xff : -1;
      if (version != RelayFrames.VERSION) {
        return new Ending(
            Optional.of(RelayError.UNSUPPORTED_VERSION),
            "the relay speaks protocol version "
                + version
                + ", this agent "
                + RelayFrames.VERSION
                + "; upgrade the older one");
      }
      RelayFrames.Challenge challenge = RelayFrames.parseChallenge(first.body());
      Optional<String> expected = relay.relayId();
      if (expected.isPresent() && !expected.get().equals(challenge.relayId())) {
        return Ending.refused(
            "the relay at "
                + relay.address()
                + " calls itself '"
                + sanitize(challenge.relayId())
                + "', but the network map names '"
                + expected.get()
                + "'; not authenticating to it");
      }
      current.write(RelayFrames.hello(selfPeerId, relay.credential(), challenge));
      RelayFrames.Frame answer = RelayFrames.read(in);
      if (answer == null) {
        return Ending.of("the relay closed the connection during HELLO");
      }
      if (answer.type() == RelayFrames.ERROR) {
        return error(answer.body());
      }
      if (answer.type() != RelayFrames.HELLO_OK
          || answer.body().length < 3
          || answer.body()[0] != RelayFrames.VERSION) {
        return Ending.of("the relay answered HELLO with frame type " + answer.type());
      }
      socket.setSoTimeout(0);
      lock.lock();
      try {
        if (closed) {
          return Ending.of("closed");
        }
        connection = current;
      } finally {
        lock.unlock();
      }
      LOG.info("relay " + relay.address() + ": authenticated as " + selfPeerId);
      publish(
          new RelayStatus(
              RelayStatus.State.CONNECTED, Optional.empty(), "connected to " + relay.address()));
      Thread keepAlive =
          Thread.ofVirtual().name("relay-ping-" + relay.address()).start(current::keepAlive);
      try {
        return readLoop(in, current);
      } finally {
        keepAlive.interrupt();
      }
    } catch (SocketTimeoutException e) {
      return Ending.of("no answer to HELLO in time");
    } catch (IOException e) {
      return Ending.of(current.closeReason != null ? current.closeReason : describe(e));
    } finally {
      attempt = null;
      connection = null;
      current.close();
    }
  }

  private Ending readLoop(DataInputStream in, Connection current) throws IOException {
    while (true) {
      RelayFrames.Frame frame = RelayFrames.read(in);
      if (frame == null) {
        return Ending.of("the relay closed the connection");
      }
      current.lastReceived = System.nanoTime();
      switch (frame.type()) {
        case RelayFrames.DATA -> {
          RelayFrames.Data data = RelayFrames.parseData(frame.body());
          try {
            listener.packet(data.sourcePeerId(), data.packet());
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "relayed packet from " + data.sourcePeerId() + " lost", e);
          }
        }
        case RelayFrames.PONG -> {
          // lastReceived is all a PONG is for
        }
        case RelayFrames.ERROR -> {
          return error(frame.body());
        }
        default -> {
          return Ending.of("the relay sent an unexpected frame type " + frame.type());
        }
      }
    }
  }

  private static Ending error(byte[] body) {
    if (body.length < 1) {
      return Ending.of("the relay sent an empty ERROR frame");
    }
    RelayError error = RelayError.of(body[0] & 0xff);
    String message = new String(body, 1, body.length - 1, StandardCharsets.UTF_8).strip();
    return new Ending(
        Optional.of(error),
        error.name()
            + " ("
            + error.meaning()
            + (message.isEmpty() ? "" : "; relay says: " + sanitize(message))
            + ")");
  }

  private static String sanitize(String text) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private void publish(RelayStatus next) {
    status = next;
    try {
      listener.status(next);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "relay status listener failed", e);
    }
  }

  /** One TCP connection: serialised writes, liveness bookkeeping. */
  private final class Connection {
    private final Socket socket;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long lastSent = System.nanoTime();
    private volatile long lastReceived = System.nanoTime();
    private volatile String closeReason;

    Connection(Socket socket) {
      this.socket = socket;
    }

    boolean write(byte[] frame) {
      writeLock.lock();
      try {
        OutputStream out = socket.getOutputStream();
        out.write(frame);
        lastSent = System.nanoTime();
        return true;
      } catch (IOException e) {
        close();
        return false;
      } finally {
        writeLock.unlock();
      }
    }

    /** PING when idle; a relay silent past the PONG timeout is dead: close to reconnect. */
    void keepAlive() {
      long pingEvery = timing.pingEvery().toNanos();
      long pongTimeout = timing.pongTimeout().toNanos();
      long pingSentAt = 0;
      long tick = Math.max(10, Math.min(1000, timing.pongTimeout().toMillis() / 4));
      try {
        while (!socket.isClosed()) {
          TimeUnit.MILLISECONDS.sleep(tick);
          long now = System.nanoTime();
          if (pingSentAt != 0) {
            if (lastReceived - pingSentAt >= 0) {
              pingSentAt = 0;
            } else if (now - pingSentAt >= pongTimeout) {
              closeReason = "no PONG from the relay in time";
              close();
              return;
            }
          }
          if (pingSentAt == 0 && now - lastSent >= pingEvery) {
            pingSentAt = now;
            write(RelayFrames.ping());
          }
        }
      } catch (InterruptedException e) {
        // the connection ended
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
