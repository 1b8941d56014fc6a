package io.meshward.relay.session;

import io.meshward.relay.metrics.DropReason;
import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.wire.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of every agent pipeline: turns whatever went wrong on one connection (bad framing,
 * I/O errors, idleness) into a logged close of that connection only.
 */
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

  private final RelayMetrics metrics;

  public ConnectionGuard(RelayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof TooLongFrameException) {
      metrics.dropped(DropReason.OVERSIZE);
      log.info("Closing {}: frame above the maximum size", ctx.channel().remoteAddress());
      Disconnect.close(ctx.channel(), ErrorCode.OVERSIZE, metrics);
    } else if (root instanceof CorruptedFrameException) {
      metrics.dropped(DropReason.MALFORMED);
      log.info("Closing {}: {}", ctx.channel().remoteAddress(), root.getMessage());
      Disconnect.close(ctx.channel(), ErrorCode.PROTOCOL_ERROR, metrics);
    } else if (root instanceof IOException || root instanceof RejectedExecutionException) {
      // a broken socket, or a write racing the relay's shutdown: nothing to report
      log.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), root.toString());
      ctx.close();
    } else {
      log.warn("Closing {} after an unexpected error", ctx.channel().remoteAddress(), cause);
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      log.info("Closing {}: idle", ctx.channel().remoteAddress());
      Disconnect.close(ctx.channel(), ErrorCode.IDLE, metrics);
    } else {
      ReferenceCountUtil.release(event);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }
}
