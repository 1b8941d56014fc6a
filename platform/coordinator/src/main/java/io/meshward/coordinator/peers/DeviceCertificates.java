package io.meshward.coordinator.peers;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides, on every gRPC call, whether a (CA-verified) device certificate still stands for a live
 * peer: the peer must exist in the account the certificate names, the certificate must be the one
 * last issued to it, and it must not have expired. Deleting a peer therefore revokes it at once.
 */
@Component
public class DeviceCertificates {

  private final PeerRepository peers;
  private final Clock clock;

  DeviceCertificates(PeerRepository peers, Clock clock) {
    this.peers = peers;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public Optional<DevicePrincipal> verify(X509Certificate certificate) {
    X500Name subject = subject(certificate.getSubjectX500Principal());
    String peerId = value(subject, "CN");
    String accountId = value(subject, "OU");
    if (peerId == null || accountId == null) {
      return Optional.empty();
    }
    String serial = certificate.getSerialNumber().toString(16);
    return peers
        .findByIdAndAccountId(peerId, accountId)
        .filter(p -> p.certSerial().equals(serial))
        .filter(p -> p.certExpiresAt().isAfter(clock.instant()))
        .map(p -> new DevicePrincipal(p.accountId(), p.id(), p.certExpiresAt()));
  }

  private static X500Name subject(X500Principal principal) {
    return X500Name.getInstance(principal.getEncoded());
  }

  private static String value(X500Name name, String attribute) {
    var rdns = name.getRDNs("CN".equals(attribute) ? BCStyle.CN : BCStyle.OU);
    return rdns.length == 1 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : null;
  }
}
