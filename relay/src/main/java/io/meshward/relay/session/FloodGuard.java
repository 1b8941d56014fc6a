package io.meshward.relay.session;

import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.wire.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-connection token bucket over frames. A client that sends faster than its rate for longer
 * than its burst allows is closed, so one flooding agent cannot starve the event loop it shares
 * with others. Also discards frames still decoded after the connection was closed.
 */
public final class FloodGuard extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(FloodGuard.class);

  private final double tokensPerNano;
  private final double burst;
  private final RelayMetrics metrics;
  private double tokens;
  private long last = System.nanoTime();

  /**
   * @param framesPerSecond sustained rate allowed
   * @param burst frames allowed at once above the rate
   */
  public FloodGuard(int framesPerSecond, int burst, RelayMetrics metrics) {
    this.tokensPerNano = framesPerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!ctx.channel().isActive()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
    last = now;
    if (tokens < 1) {
      ReferenceCountUtil.release(msg);
      log.warn("Closing {}: sent frames faster than its rate limit", ctx.channel().remoteAddress());
      Disconnect.close(ctx.channel(), ErrorCode.RATE_LIMITED, metrics);
      return;
    }
    tokens -= 1;
    ctx.fireChannelRead(msg);
  }
}
