package io.meshward.relay.session;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-trust check, per packet, against the snapshot current at that instant: the sender is
 * still admitted, the pair {sender, destination} is allowed, and the destination is connected.
 * Anything else is dropped and counted. Answers PING; a malformed or oversize frame closes the
 * connection.
 */
public final class PolicyCheckHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(PolicyCheckHandler.class);

  private final Session source;
  private final PolicyState policy;
  private final SessionTable sessions;
  private final RelayMetrics metrics;
  private final Route route = new Route();
  private final byte[] scratch = new byte[Frames.MAX_PEER_ID];

  public PolicyCheckHandler(
      Session source, PolicyState policy, SessionTable sessions, RelayMetrics metrics) {
    this.source = source;
    this.policy = policy;
    this.sessions = sessions;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf frame = (ByteBuf) msg;
    int at = frame.readerIndex();
    int length = frame.getUnsignedShort(at);
    byte type = frame.getByte(at + Frames.LENGTH_FIELD);
    if (type == Frames.DATA) {
      check(ctx, frame, at, length);
    } else if (type == Frames.PING && length == 1) {
      frame.release();
      ctx.writeAndFlush(Frames.pong(ctx.alloc()), ctx.voidPromise());
    } else {
      frame.release();
      reject(ctx, DropReason.MALFORMED, ErrorCode.PROTOCOL_ERROR, "unexpected frame type");
    }
  }

  private void check(ChannelHandlerContext ctx, ByteBuf frame, int at, int length) {
    // DATA body: idLen:u8 id packet
    int idLength = length >= 2 ? frame.getUnsignedByte(at + Frames.LENGTH_FIELD + 1) : 0;
    int packetLength = length - 2 - idLength;
    if (idLength == 0 || idLength > Frames.MAX_PEER_ID || packetLength < 1) {
      frame.release();
      reject(ctx, DropReason.MALFORMED, ErrorCode.PROTOCOL_ERROR, "malformed DATA frame");
      return;
    }
    if (packetLength > Frames.MAX_PACKET) {
      frame.release();
      reject(ctx, DropReason.OVERSIZE, ErrorCode.OVERSIZE, "packet above the maximum size");
      return;
    }
    if (source.revoked()) {
      drop(frame, DropReason.NOT_AUTHENTICATED);
      return;
    }
    int idOffset = at + Frames.LENGTH_FIELD + 2;
    PolicySnapshot snapshot = policy.current();
    int destination = snapshot.peers().indexOf(frame, idOffset, idLength, scratch);
    if (destination == PeerIndex.ABSENT || !snapshot.allows(source.peer(), destination)) {
      drop(frame, DropReason.PAIR_NOT_ALLOWED);
      return;
    }
    Session target = sessions.get(destination);
    if (target == null || target.revoked()) {
      drop(frame, DropReason.DESTINATION_OFFLINE);
      return;
    }
    ctx.fireChannelRead(route.set(target, frame, idOffset, idLength, packetLength));
  }

  private void drop(ByteBuf frame, DropReason reason) {
    frame.release();
    metrics.dropped(reason);
  }

  private void reject(ChannelHandlerContext ctx, DropReason reason, ErrorCode code, String what) {
    metrics.dropped(reason);
    log.info("Closing agent {}: {}", source.peerId(), what);
    Disconnect.close(ctx.channel(), code, metrics);
  }
}
