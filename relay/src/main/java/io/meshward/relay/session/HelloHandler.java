package io.meshward.relay.session;

import io.meshward.protocol.relay.HelloProof;
import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.policy.PeerIndex;
import io.meshward.relay.policy.PolicySnapshot;
import io.meshward.relay.policy.PolicyState;
import io.meshward.relay.wire.ErrorCode;
import io.meshward.relay.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a connection by challenge and response: on connect the relay sends a CHALLENGE
 * (fresh nonce, relay id); the first frame back must be a version 2 HELLO whose proof is the HMAC
 * of that challenge under one of the credential digests the current snapshot lists for the claimed
 * peer id, and it must come within the timeout. The nonce is used for one HELLO only. On success
 * the session is registered and the policy and forwarding handlers take this one's place; on
 * anything else the connection is closed with an ERROR frame. The credential never reaches the
 * relay; only its digest, which the coordinator sent, is kept.
 */
public final class HelloHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(HelloHandler.class);

  private final PolicyState policy;
  private final SessionTable sessions;
  private final RelayMetrics metrics;
  private final Duration timeout;
  private final Challenges challenges;
  private ScheduledFuture<?> deadline;

  /** The nonce sent in this connection's CHALLENGE; null once a HELLO has used it. */
  private byte[] nonce;

  public HelloHandler(
      PolicyState policy,
      SessionTable sessions,
      RelayMetrics metrics,
      Duration timeout,
      Challenges challenges) {
    this.policy = policy;
    this.sessions = sessions;
    this.metrics = metrics;
    this.timeout = timeout;
    this.challenges = challenges;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    nonce = challenges.nextNonce();
    ctx.writeAndFlush(Frames.challenge(ctx.alloc(), nonce, challenges.relayId()));
    deadline =
        ctx.executor()
            .schedule(
                () -> {
                  log.info(
                      "Closing {}: no HELLO within {}", ctx.channel().remoteAddress(), timeout);
                  Disconnect.close(ctx.channel(), ErrorCode.HELLO_TIMEOUT, metrics);
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelDeadline();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    byte[] challenge = nonce;
    nonce = null; // single use: whatever this frame is, no later frame can answer the challenge
    try {
      if (challenge != null) {
        authenticate(ctx, frame, challenge);
      }
    } finally {
      ReferenceCountUtil.release(frame);
    }
  }

  private void authenticate(ChannelHandlerContext ctx, ByteBuf frame, byte[] challenge) {
    int at = frame.readerIndex();
    int end = at + frame.readableBytes();
    byte type = frame.getByte(at + Frames.LENGTH_FIELD);
    if (type != Frames.HELLO) {
      metrics.dropped(type == Frames.DATA ? DropReason.NOT_AUTHENTICATED : DropReason.MALFORMED);
      log.info("Closing {}: frame type {} before HELLO", ctx.channel().remoteAddress(), type);
      Disconnect.close(ctx.channel(), ErrorCode.NOT_AUTHENTICATED, metrics);
      return;
    }
    // HELLO body: version:u8 idLen:u8 id proof[32]. The version comes first in every version.
    int p = at + Frames.LENGTH_FIELD + 1;
    if (end - p < 1) {
      malformed(ctx, "HELLO without a version");
      return;
    }
    int version = frame.getUnsignedByte(p++);
    if (version != Frames.PROTOCOL_VERSION) {
      log.info("Closing {}: protocol version {}", ctx.channel().remoteAddress(), version);
      Disconnect.close(ctx.channel(), ErrorCode.UNSUPPORTED_VERSION, metrics);
      return;
    }
    int idLength = end - p >= 1 ? frame.getUnsignedByte(p++) : 0;
    if (idLength == 0
        || idLength > Frames.MAX_PEER_ID
        || end - p != idLength + HelloProof.PROOF_BYTES) {
      malformed(ctx, "HELLO of the wrong length");
      return;
    }
    byte[] idBytes = new byte[idLength];
    frame.getBytes(p, idBytes);
    p += idLength;
    String peerId = strictUtf8(idBytes);
    if (peerId == null) {
      malformed(ctx, "HELLO peer id is not UTF-8");
      return;
    }
    byte[] proof = new byte[HelloProof.PROOF_BYTES];
    frame.getBytes(p, proof);

    PolicySnapshot snapshot = policy.current();
    if (snapshot.isEmpty()) {
      log.info("Refused {}: no snapshot from the coordinator yet", ctx.channel().remoteAddress());
      Disconnect.close(ctx.channel(), ErrorCode.NOT_READY, metrics);
      return;
    }
    byte[] relayId = challenges.relayId();
    byte[] digest =
        snapshot.credentialProving(
            peerId, proof, key -> HelloProof.compute(key, relayId, challenge, idBytes));
    if (digest == null) {
      log.info(
          "Refused {} claiming peer {}: unknown peer id or credential",
          ctx.channel().remoteAddress(),
          printable(peerId));
      Disconnect.close(ctx.channel(), ErrorCode.BAD_CREDENTIAL, metrics);
      return;
    }
    int peer = snapshot.peers().indexOf(peerId);
    if (peer == PeerIndex.ABSENT) {
      throw new IllegalStateException("admitted peer is not interned");
    }
    Session session = new Session(peer, peerId, idBytes, digest, ctx.channel());
    Session displaced = sessions.register(session);
    ctx.channel().closeFuture().addListener(f -> sessions.unregister(session));
    if (displaced != null) {
      displaced.revoke();
      Disconnect.close(displaced.channel(), ErrorCode.REPLACED, metrics);
    }
    // A snapshot installed between our check and the registration would have missed this session.
    if (!policy.current().admits(peerId, digest)) {
      session.revoke();
      Disconnect.close(ctx.channel(), ErrorCode.CREDENTIAL_REVOKED, metrics);
      return;
    }
    cancelDeadline();
    ctx.writeAndFlush(Frames.helloOk(ctx.alloc()));
    ctx.pipeline()
        .addAfter(ctx.name(), "forward", new ForwardingHandler(session, metrics))
        .addAfter(ctx.name(), "policy", new PolicyCheckHandler(session, policy, sessions, metrics))
        .remove(this);
    log.info("Agent {} connected from {}", peerId, ctx.channel().remoteAddress());
  }

  private void malformed(ChannelHandlerContext ctx, String what) {
    metrics.dropped(DropReason.MALFORMED);
    log.info("Closing {}: {}", ctx.channel().remoteAddress(), what);
    Disconnect.close(ctx.channel(), ErrorCode.PROTOCOL_ERROR, metrics);
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Claimed ids come from strangers: keep control characters out of the log. */
  private static String printable(String claimed) {
    StringBuilder out = new StringBuilder(claimed.length());
    claimed.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
