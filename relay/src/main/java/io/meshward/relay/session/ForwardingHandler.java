package io.meshward.relay.session;

import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Delivers a checked DATA frame to its destination with the destination id rewritten to the
 * sender's, so the receiver knows who sent it. When both ids have the same length (the usual case)
 * the received frame is patched in place and sent on as it is; otherwise a small pooled header is
 * written before the untouched packet. A destination that is not writable gets nothing: the packet
 * is dropped and counted (WireGuard recovers from loss; a queue would not). Flushes are batched per
 * read cycle.
 */
public final class ForwardingHandler extends ChannelInboundHandlerAdapter {

  private static final int MAX_PENDING_FLUSHES = 16;

  private final Session source;
  private final RelayMetrics metrics;
  private final Channel[] pendingFlush = new Channel[MAX_PENDING_FLUSHES];
  private int pending;

  public ForwardingHandler(Session source, RelayMetrics metrics) {
    this.source = source;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Route route)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ByteBuf frame = route.frame;
    Channel destination = route.destination.channel();
    int packetLength = route.packetLength;
    int idOffset = route.idOffset;
    int idLength = route.idLength;
    route.clear();
    if (!destination.isWritable()) {
      frame.release();
      metrics.dropped(DropReason.DESTINATION_BUSY);
      return;
    }
    byte[] sender = source.peerIdBytes();
    if (sender.length == idLength) {
      frame.setBytes(idOffset, sender);
      destination.write(frame, destination.voidPromise());
    } else {
      ByteBuf header = ctx.alloc().ioBuffer(Frames.LENGTH_FIELD + 2 + sender.length);
      header
          .writeShort(2 + sender.length + packetLength)
          .writeByte(Frames.DATA)
          .writeByte(sender.length)
          .writeBytes(sender);
      frame.readerIndex(idOffset + idLength);
      destination.write(header, destination.voidPromise());
      destination.write(frame, destination.voidPromise());
    }
    metrics.forwarded(packetLength);
    markForFlush(destination);
  }

  private void markForFlush(Channel destination) {
    for (int i = 0; i < pending; i++) {
      if (pendingFlush[i] == destination) {
        return;
      }
    }
    if (pending == MAX_PENDING_FLUSHES) {
      flushPending();
    }
    pendingFlush[pending++] = destination;
  }

  private void flushPending() {
    for (int i = 0; i < pending; i++) {
      pendingFlush[i].flush();
      pendingFlush[i] = null;
    }
    pending = 0;
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flushPending();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    flushPending();
    ctx.fireChannelInactive();
  }
}
