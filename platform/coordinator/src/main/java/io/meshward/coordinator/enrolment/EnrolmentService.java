package io.meshward.coordinator.enrolment;

import io.meshward.coordinator.accounts.Account;
import io.meshward.coordinator.accounts.AccountRepository;
import io.meshward.coordinator.enrolment.EnrolmentRefusedException.Reason;
import io.meshward.coordinator.groups.GroupService;
import io.meshward.coordinator.peers.Peer;
import io.meshward.coordinator.peers.PeerRepository;
import io.meshward.coordinator.peers.PeerService;
import io.meshward.coordinator.tls.CertificateAuthority;
import io.meshward.coordinator.tls.IssuedCertificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a setup key plus a device's keys into a peer: checks the key, allocates a mesh address,
 * certifies the device's TLS key. All or nothing: a refused enrolment changes nothing.
 */
@Service
public class EnrolmentService {

  private final SetupKeyRepository setupKeys;
  private final AccountRepository accounts;
  private final PeerRepository peerRepository;
  private final PeerService peers;
  private final GroupService groups;
  private final CertificateAuthority ca;
  private final EnrolmentProperties properties;
  private final Clock clock;

  EnrolmentService(
      SetupKeyRepository setupKeys,
      AccountRepository accounts,
      PeerRepository peerRepository,
      PeerService peers,
      GroupService groups,
      CertificateAuthority ca,
      EnrolmentProperties properties,
      Clock clock) {
    this.setupKeys = setupKeys;
    this.accounts = accounts;
    this.peerRepository = peerRepository;
    this.peers = peers;
    this.groups = groups;
    this.ca = ca;
    this.properties = properties;
    this.clock = clock;
  }

  /** Checks the request's shape; throws INVALID_REQUEST naming the field. */
  public static String validWireGuardKey(String key) {
    try {
      return WireGuardKeys.requireValid(key);
    } catch (IllegalArgumentException e) {
      throw new EnrolmentRefusedException(Reason.INVALID_REQUEST, e.getMessage());
    }
  }

  @Transactional
  public Enrolment.Result enrol(Enrolment.Request request) {
    validWireGuardKey(request.wireguardPublicKey());
    if (request.setupKey() == null || request.setupKey().isBlank()) {
      throw new EnrolmentRefusedException(Reason.INVALID_REQUEST, "setup_key is missing");
    }
    if (request.hostname() != null && request.hostname().length() > 255) {
      throw new EnrolmentRefusedException(
          Reason.INVALID_REQUEST, "hostname is longer than 255 characters");
    }
    Instant now = clock.instant();
    SetupKey key =
        setupKeys
            .findByKeyHash(io.meshward.coordinator.auth.SecretTokens.sha256Hex(request.setupKey()))
            .orElseThrow(
                () ->
                    new EnrolmentRefusedException(
                        Reason.UNKNOWN_SETUP_KEY,
                        "setup key not recognised; check it was copied whole"));
    // Serialise enrolments of one account: address allocation and key usage must not interleave.
    Account account = accounts.lockById(key.accountId()).orElseThrow();
    switch (key.state(now)) {
      case REVOKED ->
          throw new EnrolmentRefusedException(
              Reason.SETUP_KEY_REVOKED, "setup key '" + key.name() + "' has been revoked");
      case EXPIRED ->
          throw new EnrolmentRefusedException(
              Reason.SETUP_KEY_EXPIRED,
              "setup key '" + key.name() + "' expired at " + key.expiresAt());
      case EXHAUSTED -> throw exhausted(key);
      case VALID -> {}
    }
    if (peerRepository.existsByWireguardPublicKey(request.wireguardPublicKey())) {
      throw new EnrolmentRefusedException(
          Reason.ALREADY_ENROLLED,
          "a peer with this WireGuard public key is already enrolled; delete it first or use a"
              + " new key");
    }
    String keyId = key.id();
    Set<String> autoGroups = new HashSet<>(key.autoGroups());
    if (setupKeys.consume(keyId) == 0) {
      throw exhausted(key);
    }
    var range = MeshAddressAllocator.Range.parse(account.meshRange());
    int address =
        MeshAddressAllocator.firstFree(range, peerRepository.meshAddresses(account.id()))
            .orElseThrow(
                () ->
                    new EnrolmentRefusedException(
                        Reason.ADDRESS_RANGE_FULL,
                        "the account's mesh range " + account.meshRange() + " is full"));
    // Auto-groups deleted since the key was made are simply skipped.
    Set<String> existingGroups = new HashSet<>();
    groups.list(account.id()).forEach(g -> existingGroups.add(g.id()));
    autoGroups.retainAll(existingGroups);
    String hostname =
        request.hostname() == null || request.hostname().isBlank() ? "peer" : request.hostname();
    Object os = request.facts() == null ? null : request.facts().get("os.platform");
    Peer peer =
        new Peer(
            account.id(),
            peers.freeName(account.id(), hostname),
            hostname,
            MeshAddressAllocator.toDotted(address),
            request.wireguardPublicKey(),
            os instanceof String s ? s : null,
            autoGroups,
            now);
    IssuedCertificate certificate =
        ca.issueDeviceCertificate(
            request.devicePublicKey(),
            account.id(),
            peer.id(),
            properties.deviceCertificateValidity());
    peer.assignCertificate(certificate.serialHex(), certificate.notAfter());
    peers.addEnrolled(peer, "setup_key:" + keyId + " (" + key.name() + ")");
    return new Enrolment.Result(
        peer.id(),
        peer.name(),
        peer.meshAddress() + "/" + range.prefixLength(),
        certificate.certificate(),
        ca.certificate(),
        certificate.notAfter());
  }

  private static EnrolmentRefusedException exhausted(SetupKey key) {
    return new EnrolmentRefusedException(
        Reason.SETUP_KEY_EXHAUSTED,
        "setup key '"
            + key.name()
            + "' has reached its usage limit ("
            + key.usageLimit()
            + (key.reusable() ? ")" : ", one-off key)"));
  }
}
