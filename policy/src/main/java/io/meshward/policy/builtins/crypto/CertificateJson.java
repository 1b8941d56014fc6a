package io.meshward.policy.builtins.crypto;

import io.meshward.policy.builtins.encoding.GoBase64;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.NullValue;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.Time;

/**
 * Certificates and certificate requests as OPA returns them: Go's {@code x509.Certificate}
 * marshalled to JSON (byte slices in base64, big integers as numbers, enums as Go's integers), plus
 * OPA's {@code URIStrings}.
 */
public final class CertificateJson {

  private static final Map<String, Integer> SIGNATURE_ALGORITHMS =
      Map.ofEntries(
          Map.entry("1.2.840.113549.1.1.2", 1),
          Map.entry("1.2.840.113549.1.1.4", 2),
          Map.entry("1.2.840.113549.1.1.5", 3),
          Map.entry("1.2.840.113549.1.1.11", 4),
          Map.entry("1.2.840.113549.1.1.12", 5),
          Map.entry("1.2.840.113549.1.1.13", 6),
          Map.entry("1.2.840.10040.4.3", 7),
          Map.entry("2.16.840.1.101.3.4.3.2", 8),
          Map.entry("1.2.840.10045.4.1", 9),
          Map.entry("1.2.840.10045.4.3.2", 10),
          Map.entry("1.2.840.10045.4.3.3", 11),
          Map.entry("1.2.840.10045.4.3.4", 12),
          Map.entry("1.3.101.112", 16));

  private static final Map<String, Integer> PUBLIC_KEY_ALGORITHMS =
      Map.of(
          "1.2.840.113549.1.1.1", 1,
          "1.2.840.10040.4.1", 2,
          "1.2.840.10045.2.1", 3,
          "1.3.101.112", 4);

  /** Go's ExtKeyUsage constants, by OID. */
  static final Map<String, Integer> EXT_KEY_USAGES =
      Map.ofEntries(
          Map.entry("2.5.29.37.0", 0),
          Map.entry("1.3.6.1.5.5.7.3.1", 1),
          Map.entry("1.3.6.1.5.5.7.3.2", 2),
          Map.entry("1.3.6.1.5.5.7.3.3", 3),
          Map.entry("1.3.6.1.5.5.7.3.4", 4),
          Map.entry("1.3.6.1.5.5.7.3.5", 5),
          Map.entry("1.3.6.1.5.5.7.3.6", 6),
          Map.entry("1.3.6.1.5.5.7.3.7", 7),
          Map.entry("1.3.6.1.5.5.7.3.8", 8),
          Map.entry("1.3.6.1.5.5.7.3.9", 9),
          Map.entry("1.3.6.1.4.1.311.10.3.3", 10),
          Map.entry("2.16.840.1.113730.4.1", 11),
          Map.entry("1.3.6.1.4.1.311.2.1.22", 12),
          Map.entry("1.3.6.1.4.1.311.61.1.1", 13));

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private CertificateJson() {}

  /** The parsed parts Go derives from the extensions; used for verification too. */
  record Parts(
      List<Integer> extKeyUsage,
      List<ASN1ObjectIdentifier> unknownExtKeyUsage,
      boolean basicConstraintsValid,
      boolean isCa,
      int maxPathLen,
      List<String> dnsNames,
      List<String> uris) {}

  static Parts parts(Certificate cert) {
    Extensions exts = cert.getTBSCertificate().getExtensions();
    List<Integer> eku = new ArrayList<>();
    List<ASN1ObjectIdentifier> unknownEku = new ArrayList<>();
    boolean bcValid = false;
    boolean ca = false;
    int maxPathLen = 0;
    List<String> dns = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    if (exts != null) {
      Extension e = exts.getExtension(Extension.extendedKeyUsage);
      if (e != null) {
        for (ASN1Encodable o : ASN1Sequence.getInstance(e.getParsedValue())) {
          ASN1ObjectIdentifier oid = KeyPurposeId.getInstance(o).toOID();
          Integer known = EXT_KEY_USAGES.get(oid.getId());
          if (known != null) {
            eku.add(known);
          } else {
            unknownEku.add(oid);
          }
        }
      }
      e = exts.getExtension(Extension.basicConstraints);
      if (e != null) {
        BasicConstraints bc = BasicConstraints.getInstance(e.getParsedValue());
        bcValid = true;
        ca = bc.isCA();
        maxPathLen = bc.getPathLenConstraint() == null ? -1 : bc.getPathLenConstraint().intValue();
      }
      e = exts.getExtension(Extension.subjectAlternativeName);
      if (e != null) {
        for (GeneralName n : GeneralNames.getInstance(e.getParsedValue()).getNames()) {
          if (n.getTagNo() == GeneralName.dNSName) {
            dns.add(ASN1String.class.cast(n.getName()).getString());
          } else if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
            uris.add(ASN1String.class.cast(n.getName()).getString());
          }
        }
      }
    }
    return new Parts(eku, unknownEku, bcValid, ca, maxPathLen, dns, uris);
  }

  /** One certificate as OPA returns it. */
  public static ObjectValue certificate(Certificate cert, PublicKey publicKey) throws IOException {
    var tbs = cert.getTBSCertificate();
    ObjectValue.Builder out = ObjectValue.builder();
    out.put("Raw", bytes(cert.getEncoded(ASN1Encoding.DER)));
    out.put("RawTBSCertificate", bytes(tbs.getEncoded(ASN1Encoding.DER)));
    out.put(
        "RawSubjectPublicKeyInfo",
        bytes(tbs.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER)));
    out.put("RawSubject", bytes(tbs.getSubject().getEncoded(ASN1Encoding.DER)));
    out.put("RawIssuer", bytes(tbs.getIssuer().getEncoded(ASN1Encoding.DER)));
    out.put("Signature", bytes(cert.getSignature().getOctets()));
    out.put("SignatureAlgorithm", NumberValue.of(signatureAlgorithm(cert.getSignatureAlgorithm())));
    String keyAlg = tbs.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
    out.put("PublicKeyAlgorithm", NumberValue.of(PUBLIC_KEY_ALGORITHMS.getOrDefault(keyAlg, 0)));
    out.put("PublicKey", publicKey == null ? NullValue.INSTANCE : KeyJson.publicKey(publicKey));
    out.put("Version", NumberValue.of(tbs.getVersionNumber()));
    out.put("SerialNumber", NumberValue.of(tbs.getSerialNumber().getValue()));
    out.put("Issuer", name(tbs.getIssuer()));
    out.put("Subject", name(tbs.getSubject()));
    out.put("NotBefore", time(tbs.getStartDate()));
    out.put("NotAfter", time(tbs.getEndDate()));

    Extensions exts = tbs.getExtensions();
    Parts parts = parts(cert);
    int keyUsage = 0;
    List<Value> extensionList = new ArrayList<>();
    Value subjectKeyId = NullValue.INSTANCE;
    Value authorityKeyId = NullValue.INSTANCE;
    List<Value> ocsp = new ArrayList<>();
    List<Value> issuingUrls = new ArrayList<>();
    List<Value> emails = new ArrayList<>();
    List<Value> ips = new ArrayList<>();
    List<Value> crl = new ArrayList<>();
    List<Value> policies = new ArrayList<>();
    if (exts != null) {
      for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
        Extension e = exts.getExtension(oid);
        extensionList.add(
            ObjectValue.ofStrings(
                "Id", oid(oid),
                "Critical", BooleanValue.of(e.isCritical()),
                "Value", bytes(e.getExtnValue().getOctets())));
      }
      Extension e = exts.getExtension(Extension.keyUsage);
      if (e != null) {
        org.bouncycastle.asn1.ASN1BitString bits =
            org.bouncycastle.asn1.ASN1BitString.getInstance(e.getParsedValue());
        byte[] b = bits.getBytes();
        for (int i = 0; i < 9; i++) {
          if (i / 8 < b.length && (b[i / 8] & (0x80 >> (i % 8))) != 0) {
            keyUsage |= 1 << i;
          }
        }
      }
      e = exts.getExtension(Extension.subjectKeyIdentifier);
      if (e != null) {
        subjectKeyId =
            bytes(SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier());
      }
      e = exts.getExtension(Extension.authorityKeyIdentifier);
      if (e != null) {
        byte[] id = AuthorityKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
        if (id != null) {
          authorityKeyId = bytes(id);
        }
      }
      e = exts.getExtension(Extension.authorityInfoAccess);
      if (e != null) {
        for (AccessDescription ad :
            AuthorityInformationAccess.getInstance(e.getParsedValue()).getAccessDescriptions()) {
          if (ad.getAccessLocation().getTagNo() != GeneralName.uniformResourceIdentifier) {
            continue;
          }
          String url = ((ASN1String) ad.getAccessLocation().getName()).getString();
          if (ad.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
            ocsp.add(StringValue.of(url));
          } else if (ad.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
            issuingUrls.add(StringValue.of(url));
          }
        }
      }
      e = exts.getExtension(Extension.subjectAlternativeName);
      if (e != null) {
        for (GeneralName n : GeneralNames.getInstance(e.getParsedValue()).getNames()) {
          if (n.getTagNo() == GeneralName.rfc822Name) {
            emails.add(StringValue.of(((ASN1String) n.getName()).getString()));
          } else if (n.getTagNo() == GeneralName.iPAddress) {
            ips.add(StringValue.of(ipString(ASN1OctetString.getInstance(n.getName()).getOctets())));
          }
        }
      }
      e = exts.getExtension(Extension.cRLDistributionPoints);
      if (e != null) {
        for (DistributionPoint dp :
            CRLDistPoint.getInstance(e.getParsedValue()).getDistributionPoints()) {
          DistributionPointName dpn = dp.getDistributionPoint();
          if (dpn != null && dpn.getType() == DistributionPointName.FULL_NAME) {
            for (GeneralName n : GeneralNames.getInstance(dpn.getName()).getNames()) {
              if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                crl.add(StringValue.of(((ASN1String) n.getName()).getString()));
              }
            }
          }
        }
      }
      e = exts.getExtension(Extension.certificatePolicies);
      if (e != null) {
        for (PolicyInformation pi :
            CertificatePolicies.getInstance(e.getParsedValue()).getPolicyInformation()) {
          policies.add(oid(pi.getPolicyIdentifier()));
        }
      }
    }
    out.put("KeyUsage", NumberValue.of(keyUsage));
    out.put("Extensions", listOrNull(extensionList));
    out.put("ExtraExtensions", NullValue.INSTANCE);
    out.put("UnhandledCriticalExtensions", NullValue.INSTANCE);
    out.put(
        "ExtKeyUsage",
        listOrNull(parts.extKeyUsage().stream().map(i -> (Value) NumberValue.of(i)).toList()));
    out.put(
        "UnknownExtKeyUsage",
        listOrNull(parts.unknownExtKeyUsage().stream().map(o -> (Value) oid(o)).toList()));
    out.put("BasicConstraintsValid", BooleanValue.of(parts.basicConstraintsValid()));
    out.put("IsCA", BooleanValue.of(parts.isCa()));
    out.put("MaxPathLen", NumberValue.of(parts.maxPathLen()));
    out.put(
        "MaxPathLenZero",
        BooleanValue.of(parts.basicConstraintsValid() && parts.maxPathLen() == 0));
    out.put("SubjectKeyId", subjectKeyId);
    out.put("AuthorityKeyId", authorityKeyId);
    out.put("OCSPServer", listOrNull(ocsp));
    out.put("IssuingCertificateURL", listOrNull(issuingUrls));
    out.put("DNSNames", strings(parts.dnsNames()));
    out.put("EmailAddresses", listOrNull(emails));
    out.put("IPAddresses", listOrNull(ips));
    out.put("URIs", listOrNull(parts.uris().stream().map(CertificateJson::url).toList()));
    out.put("URIStrings", strings(parts.uris()));
    out.put("PermittedDNSDomainsCritical", BooleanValue.FALSE);
    for (String k :
        new String[] {
          "PermittedDNSDomains",
          "ExcludedDNSDomains",
          "PermittedIPRanges",
          "ExcludedIPRanges",
          "PermittedEmailAddresses",
          "ExcludedEmailAddresses",
          "PermittedURIDomains",
          "ExcludedURIDomains",
          "PolicyMappings"
        }) {
      out.put(k, NullValue.INSTANCE);
    }
    out.put("CRLDistributionPoints", listOrNull(crl));
    out.put("PolicyIdentifiers", listOrNull(policies));
    out.put(
        "Policies",
        listOrNull(
            policies.stream().map(p -> (Value) StringValue.of(dotted((ArrayValue) p))).toList()));
    out.put("InhibitAnyPolicy", NumberValue.ZERO);
    out.put("InhibitAnyPolicyZero", BooleanValue.FALSE);
    out.put("InhibitPolicyMapping", NumberValue.ZERO);
    out.put("InhibitPolicyMappingZero", BooleanValue.FALSE);
    out.put("RequireExplicitPolicy", NumberValue.ZERO);
    out.put("RequireExplicitPolicyZero", BooleanValue.FALSE);
    return out.build();
  }

  /** A PKCS#10 request as Go's {@code x509.CertificateRequest} marshals. */
  public static ObjectValue certificateRequest(
      org.bouncycastle.asn1.pkcs.CertificationRequest csr, PublicKey publicKey) throws IOException {
    var info = csr.getCertificationRequestInfo();
    ObjectValue.Builder out = ObjectValue.builder();
    out.put("Raw", bytes(csr.getEncoded(ASN1Encoding.DER)));
    out.put("RawTBSCertificateRequest", bytes(info.getEncoded(ASN1Encoding.DER)));
    out.put(
        "RawSubjectPublicKeyInfo",
        bytes(info.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER)));
    out.put("RawSubject", bytes(info.getSubject().getEncoded(ASN1Encoding.DER)));
    out.put("Version", NumberValue.of(info.getVersion().getValue()));
    out.put("Signature", bytes(csr.getSignature().getOctets()));
    out.put("SignatureAlgorithm", NumberValue.of(signatureAlgorithm(csr.getSignatureAlgorithm())));
    String keyAlg = info.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
    out.put("PublicKeyAlgorithm", NumberValue.of(PUBLIC_KEY_ALGORITHMS.getOrDefault(keyAlg, 0)));
    out.put("PublicKey", publicKey == null ? NullValue.INSTANCE : KeyJson.publicKey(publicKey));
    out.put("Subject", name(info.getSubject()));
    List<Value> extensions = new ArrayList<>();
    List<String> dns = new ArrayList<>();
    List<Value> emails = new ArrayList<>();
    List<Value> ips = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    List<Value> attributes = new ArrayList<>();
    ASN1Set attrs = info.getAttributes();
    if (attrs != null) {
      for (ASN1Encodable a : attrs) {
        org.bouncycastle.asn1.pkcs.Attribute attr =
            org.bouncycastle.asn1.pkcs.Attribute.getInstance(a);
        if (!attr.getAttrType()
            .equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
          continue;
        }
        for (ASN1Encodable value : attr.getAttrValues()) {
          Extensions exts = Extensions.getInstance(value);
          List<Value> pairs = new ArrayList<>();
          for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
            Extension e = exts.getExtension(oid);
            extensions.add(
                ObjectValue.ofStrings(
                    "Id", oid(oid),
                    "Critical", BooleanValue.of(e.isCritical()),
                    "Value", bytes(e.getExtnValue().getOctets())));
            pairs.add(
                ObjectValue.ofStrings(
                    "Type", oid(oid), "Value", bytes(e.getExtnValue().getOctets())));
            if (oid.equals(Extension.subjectAlternativeName)) {
              for (GeneralName n : GeneralNames.getInstance(e.getParsedValue()).getNames()) {
                switch (n.getTagNo()) {
                  case GeneralName.dNSName -> dns.add(((ASN1String) n.getName()).getString());
                  case GeneralName.rfc822Name ->
                      emails.add(StringValue.of(((ASN1String) n.getName()).getString()));
                  case GeneralName.uniformResourceIdentifier ->
                      uris.add(((ASN1String) n.getName()).getString());
                  case GeneralName.iPAddress ->
                      ips.add(
                          StringValue.of(
                              ipString(ASN1OctetString.getInstance(n.getName()).getOctets())));
                  default -> {}
                }
              }
            }
          }
          attributes.add(
              ObjectValue.ofStrings(
                  "Type", oid(attr.getAttrType()), "Value", ArrayValue.of(ArrayValue.of(pairs))));
        }
      }
    }
    out.put("Attributes", listOrNull(attributes));
    out.put("Extensions", listOrNull(extensions));
    out.put("ExtraExtensions", NullValue.INSTANCE);
    out.put("DNSNames", strings(dns));
    out.put("EmailAddresses", listOrNull(emails));
    out.put("IPAddresses", listOrNull(ips));
    out.put("URIs", listOrNull(uris.stream().map(CertificateJson::url).toList()));
    return out.build();
  }

  private static int signatureAlgorithm(org.bouncycastle.asn1.x509.AlgorithmIdentifier alg) {
    String id = alg.getAlgorithm().getId();
    if (id.equals("1.2.840.113549.1.1.10")) {
      // RSASSA-PSS: Go names it by its hash
      org.bouncycastle.asn1.pkcs.RSASSAPSSparams p =
          org.bouncycastle.asn1.pkcs.RSASSAPSSparams.getInstance(alg.getParameters());
      return switch (p.getHashAlgorithm().getAlgorithm().getId()) {
        case "2.16.840.1.101.3.4.2.1" -> 13;
        case "2.16.840.1.101.3.4.2.2" -> 14;
        case "2.16.840.1.101.3.4.2.3" -> 15;
        default -> 0;
      };
    }
    return SIGNATURE_ALGORITHMS.getOrDefault(id, 0);
  }

  /** pkix.Name: the well-known attributes by field, all of them in Names. */
  static ObjectValue name(X500Name name) {
    Map<String, List<Value>> fields =
        Map.of(
            "2.5.4.6", new ArrayList<>(),
            "2.5.4.10", new ArrayList<>(),
            "2.5.4.11", new ArrayList<>(),
            "2.5.4.7", new ArrayList<>(),
            "2.5.4.8", new ArrayList<>(),
            "2.5.4.9", new ArrayList<>(),
            "2.5.4.17", new ArrayList<>());
    String commonName = "";
    String serialNumber = "";
    List<Value> names = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        Value value = attributeValue(atv.getValue());
        names.add(ObjectValue.ofStrings("Type", oid(atv.getType()), "Value", value));
        String id = atv.getType().getId();
        if (!(value instanceof StringValue s)) {
          continue;
        }
        switch (id) {
          case "2.5.4.3" -> commonName = s.value();
          case "2.5.4.5" -> serialNumber = s.value();
          default -> {
            List<Value> list = fields.get(id);
            if (list != null) {
              list.add(s);
            }
          }
        }
      }
    }
    return ObjectValue.ofStrings(
        "Country", listOrNull(fields.get("2.5.4.6")),
        "Organization", listOrNull(fields.get("2.5.4.10")),
        "OrganizationalUnit", listOrNull(fields.get("2.5.4.11")),
        "Locality", listOrNull(fields.get("2.5.4.7")),
        "Province", listOrNull(fields.get("2.5.4.8")),
        "StreetAddress", listOrNull(fields.get("2.5.4.9")),
        "PostalCode", listOrNull(fields.get("2.5.4.17")),
        "SerialNumber", StringValue.of(serialNumber),
        "CommonName", StringValue.of(commonName),
        "Names", listOrNull(names),
        "ExtraNames", NullValue.INSTANCE);
  }

  private static Value attributeValue(ASN1Encodable v) {
    ASN1Primitive p = v.toASN1Primitive();
    if (p instanceof ASN1String s) {
      return StringValue.of(s.getString());
    }
    if (p instanceof ASN1Integer i) {
      return NumberValue.of(i.getValue());
    }
    if (p instanceof ASN1ObjectIdentifier o) {
      return oid(o);
    }
    try {
      return bytes(p.getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      return NullValue.INSTANCE;
    }
  }

  static ArrayValue oid(ASN1ObjectIdentifier oid) {
    String[] parts = oid.getId().split("\\.");
    Value[] out = new Value[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = NumberValue.parse(parts[i]);
    }
    return ArrayValue.of(out);
  }

  private static String dotted(ArrayValue oid) {
    StringBuilder b = new StringBuilder();
    for (Value v : oid) {
      if (!b.isEmpty()) {
        b.append('.');
      }
      b.append(v);
    }
    return b.toString();
  }

  private static Value time(Time t) {
    Date d = t.getDate();
    return StringValue.of(RFC3339.format(Instant.ofEpochMilli(d.getTime())));
  }

  static StringValue bytes(byte[] b) {
    return StringValue.of(GoBase64.encodeStd(b));
  }

  private static Value listOrNull(List<Value> values) {
    return values.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(values);
  }

  private static Value strings(List<String> values) {
    return values.isEmpty()
        ? NullValue.INSTANCE
        : ArrayValue.of(values.stream().map(s -> (Value) StringValue.of(s)).toList());
  }

  private static String ipString(byte[] b) {
    StringBuilder out = new StringBuilder();
    if (b.length == 4) {
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          out.append('.');
        }
        out.append(b[i] & 0xff);
      }
      return out.toString();
    }
    try {
      return java.net.InetAddress.getByAddress(b).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return "?" + GoBase64.encodeStd(b);
    }
  }

  /** Go's url.URL struct as JSON. */
  private static Value url(String text) {
    String scheme = "";
    String opaque = "";
    String host = "";
    String path = "";
    String query = "";
    String fragment = "";
    try {
      URI u = new URI(text);
      scheme = u.getScheme() == null ? "" : u.getScheme();
      if (u.isOpaque()) {
        opaque = u.getRawSchemeSpecificPart();
      } else {
        host = u.getRawAuthority() == null ? "" : u.getRawAuthority();
        path = u.getPath() == null ? "" : u.getPath();
      }
      query = u.getRawQuery() == null ? "" : u.getRawQuery();
      fragment = u.getFragment() == null ? "" : u.getFragment();
    } catch (URISyntaxException e) {
      path = text;
    }
    return ObjectValue.ofStrings(
        "Scheme", StringValue.of(scheme),
        "Opaque", StringValue.of(opaque),
        "User", NullValue.INSTANCE,
        "Host", StringValue.of(host),
        "Path", StringValue.of(path),
        "RawPath", StringValue.EMPTY,
        "OmitHost", BooleanValue.FALSE,
        "ForceQuery", BooleanValue.FALSE,
        "RawQuery", StringValue.of(query),
        "Fragment", StringValue.of(fragment),
        "RawFragment", StringValue.EMPTY);
  }

  static Certificate parse(byte[] der) {
    return Certificate.getInstance(der);
  }
}
