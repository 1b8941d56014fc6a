package io.meshward.relay.session;

import io.meshward.relay.metrics.RelayMetrics;
import io.meshward.relay.wire.ErrorCode;
import io.meshward.relay.wire.Frames;
import io.netty.channel.Channel;

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
    channel.writeAndFlush(Frames.error(channel.alloc(), reason));
    channel.close();
  }
}
