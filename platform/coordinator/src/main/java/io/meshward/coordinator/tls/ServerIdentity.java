package io.meshward.coordinator.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The gRPC server's key and certificate chain (leaf first, then the CA). */
public record ServerIdentity(PrivateKey privateKey, List<X509Certificate> chain) {

  @Override
  public String toString() {
    return "ServerIdentity[" + chain.getFirst().getSubjectX500Principal() + "]";
  }
}
