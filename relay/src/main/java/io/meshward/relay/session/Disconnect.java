package io.meshward.relay.session;

import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.wire.ErrorCode;
import io.meshward.relay.wire.Frames;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** Closes an agent connection, telling the agent why in an ERROR frame first (best effort). */
public final class Disconnect {

  private Disconnect() {}

  public static void close(Channel channel, ErrorCode reason, RelayMetrics metrics) {
    if (!channel.eventLoop().inEventLoop()) {
      channel.eventLoop().execute(() -> close(channel, reason, metrics));
      return;
    }
    if (!channel.isActive()) {
      return;
    }
    metrics.closed(reason);
    // Close once the ERROR frame is written, so the agent learns why before the connection ends.
    channel
        .writeAndFlush(Frames.error(channel.alloc(), reason))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
