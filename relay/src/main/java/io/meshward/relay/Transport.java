package io.meshward.relay;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** Native epoll on Linux when its library loads, NIO everywhere else. */
record Transport(IoHandlerFactory ioHandlers, Class<? extends ServerSocketChannel> serverChannel) {

  static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport(EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return new Transport(NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
