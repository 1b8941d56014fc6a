package io.meshward.coordinator.networkmap;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.meshward.protocol.v1.NetworkMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A {@link NetworkMap} already serialised. The coordinator encodes each map once, digests those
 * bytes to tell a change, and hands the same bytes to gRPC through {@link #MARSHALLER}; on the wire
 * it is an ordinary {@code NetworkMap}, so agents see no difference.
 */
public final class EncodedNetworkMap {

  /** Writes the bytes as they are; parses by copying them (only tests read maps this way). */
  public static final MethodDescriptor.Marshaller<EncodedNetworkMap> MARSHALLER =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(EncodedNetworkMap value) {
          return new Stream(value.bytes);
        }

        @Override
        public EncodedNetworkMap parse(InputStream stream) {
          try {
            return new EncodedNetworkMap(stream.readAllBytes());
          } catch (IOException e) {
            throw Status.INTERNAL
                .withDescription("could not read a network map")
                .withCause(e)
                .asRuntimeException();
          }
        }
      };

  private final byte[] bytes;

  /** Takes ownership of the array: the caller must not change it afterwards. */
  EncodedNetworkMap(byte[] bytes) {
    this.bytes = bytes;
  }

  public static EncodedNetworkMap of(NetworkMap map) {
    return new EncodedNetworkMap(map.toByteArray());
  }

  public int size() {
    return bytes.length;
  }

  /** Parses the bytes back (tests and diagnostics; the push path never decodes). */
  public NetworkMap decode() throws InvalidProtocolBufferException {
    return NetworkMap.parseFrom(bytes);
  }

  /** Lets gRPC learn the length up front and copy the bytes straight into its frames. */
  private static final class Stream extends ByteArrayInputStream implements KnownLength, Drainable {

    Stream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int drainTo(OutputStream target) throws IOException {
      int remaining = count - pos;
      target.write(buf, pos, remaining);
      pos = count;
      return remaining;
    }
  }
}
