package io.meshward.relay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Cuts the byte stream into frames. Each frame is passed on as a retained slice of the receive
 * buffer that still starts with its length prefix — so a DATA frame can be forwarded as it is,
 * without a copy. A length of 0 or above {@link Frames#MAX_FRAME} fails the connection at once.
 */
public final class FrameDecoder extends LengthFieldBasedFrameDecoder {

  public FrameDecoder() {
    super(Frames.LENGTH_FIELD + Frames.MAX_FRAME, 0, Frames.LENGTH_FIELD, 0, 0, true);
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
    if (in.readableBytes() >= Frames.LENGTH_FIELD && in.getUnsignedShort(in.readerIndex()) == 0) {
      throw new MalformedFrameException("frame of length 0");
    }
    return super.decode(ctx, in);
  }
}
