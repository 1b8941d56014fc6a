package io.meshward.policy.builtins.aws;

import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.crypto.CryptoBuiltins;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 as OPA computes it: the method and path exactly as given, the raw query
 * unsorted, every request header signed except a few, and {@code x-amz-content-sha256} for S3 and
 * Glacier.
 */
final class SigV4Signer {

  private static final Set<String> IGNORED_HEADERS =
      Set.of("authorization", "user-agent", "x-amzn-trace-id");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  /** Credentials and scope. */
  record Credentials(
      String accessKey, String secretKey, String sessionToken, String region, String service) {}

  private SigV4Signer() {}

  /**
   * The headers to send: the request's own, plus Authorization and the x-amz-* headers.
   *
   * @param headers the request's headers (names as written, values joined by commas when signed)
   */
  static Map<String, String> sign(
      Map<String, String> headers,
      String method,
      URI url,
      byte[] body,
      Credentials creds,
      Instant time,
      boolean disablePayloadSigning)
      throws BuiltinException {
    String contentSha256 = disablePayloadSigning ? "UNSIGNED-PAYLOAD" : HEX.formatHex(sha256(body));
    String date = DATE.format(time);
    String timestamp = TIMESTAMP.format(time);

    Map<String, String> awsHeaders = new LinkedHashMap<>();
    awsHeaders.put("host", url.getRawAuthority() == null ? "" : url.getRawAuthority());
    awsHeaders.put("x-amz-date", timestamp);
    if (creds.service().equals("s3") || creds.service().equals("glacier")) {
      awsHeaders.put("x-amz-content-sha256", contentSha256);
    }
    if (!creds.sessionToken().isEmpty()) {
      awsHeaders.put("x-amz-security-token", creds.sessionToken());
    }

    TreeMap<String, String> toSign = new TreeMap<>(awsHeaders);
    headers.forEach(
        (name, value) -> {
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          if (!IGNORED_HEADERS.contains(lower)) {
            toSign.put(lower, value);
          }
        });

    StringBuilder canonical = new StringBuilder();
    canonical.append(method).append('\n');
    canonical.append(url.getRawPath() == null ? "" : url.getRawPath()).append('\n');
    canonical.append(url.getRawQuery() == null ? "" : url.getRawQuery()).append('\n');
    toSign.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
    canonical.append('\n');
    String signedHeaders = String.join(";", toSign.keySet());
    canonical.append(signedHeaders).append('\n');
    canonical.append(contentSha256);

    String scope = date + "/" + creds.region() + "/" + creds.service() + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + timestamp
            + "\n"
            + scope
            + "\n"
            + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));

    byte[] key = hmac(("AWS4" + creds.secretKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, creds.region());
    key = hmac(key, creds.service());
    key = hmac(key, "aws4_request");
    String signature = HEX.formatHex(hmac(key, stringToSign));

    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + creds.accessKey()
            + "/"
            + scope
            + ",SignedHeaders="
            + signedHeaders
            + ",Signature="
            + signature);
    out.putAll(awsHeaders);
    return out;
  }

  private static byte[] hmac(byte[] key, String data) throws BuiltinException {
    return CryptoBuiltins.mac("HmacSHA256", key, data.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
