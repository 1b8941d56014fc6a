package io.meshward.coordinator.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A device certificate with its serial (hex) and expiry, as recorded on the peer. */
public record IssuedCertificate(X509Certificate certificate, String serialHex, Instant notAfter) {}
