package io.meshward.policy.builtins.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One PEM block, found the way Go's {@code pem.Decode} finds them: text before a block is skipped,
 * a block whose body is not valid base64 is passed over.
 *
 * @param type the label, e.g. "CERTIFICATE"
 * @param bytes the decoded body
 * @param rest the text after the block
 */
public record PemBlock(String type, byte[] bytes, String rest) {

  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";

  /** The first block in {@code text}, or null. */
  public static PemBlock decode(String text) {
    String rest = text;
    while (true) {
      int begin = rest.startsWith(BEGIN) ? 0 : rest.indexOf("\n" + BEGIN);
      if (begin < 0) {
        return null;
      }
      if (begin > 0 || !rest.startsWith(BEGIN)) {
        begin += 1;
      }
      int typeStart = begin + BEGIN.length();
      int lineEnd = rest.indexOf('\n', typeStart);
      String line =
          (lineEnd < 0 ? rest.substring(typeStart) : rest.substring(typeStart, lineEnd))
              .stripTrailing();
      if (lineEnd < 0 || !line.endsWith(DASHES)) {
        rest = rest.substring(typeStart);
        continue;
      }
      String type = line.substring(0, line.length() - DASHES.length());
      String end = "-----END " + type + DASHES;
      int endAt = rest.indexOf(end, lineEnd);
      if (endAt < 0) {
        rest = rest.substring(typeStart);
        continue;
      }
      String body = rest.substring(lineEnd + 1, endAt);
      int afterEnd = endAt + end.length();
      // the END line may be followed by spaces and one newline
      int restStart = afterEnd;
      while (restStart < rest.length()
          && (rest.charAt(restStart) == ' ' || rest.charAt(restStart) == '\t')) {
        restStart++;
      }
      if (restStart < rest.length() && rest.charAt(restStart) == '\r') {
        restStart++;
      }
      if (restStart < rest.length() && rest.charAt(restStart) == '\n') {
        restStart++;
      }
      byte[] decoded = decodeBody(body);
      if (decoded == null) {
        rest = rest.substring(typeStart);
        continue;
      }
      return new PemBlock(type, decoded, rest.substring(restStart));
    }
  }

  /** All blocks in {@code text}. */
  public static List<PemBlock> decodeAll(String text) {
    List<PemBlock> blocks = new ArrayList<>();
    PemBlock block;
    String rest = text;
    while ((block = decode(rest)) != null) {
      blocks.add(block);
      rest = block.rest();
    }
    return blocks;
  }

  private static byte[] decodeBody(String body) {
    StringBuilder b64 = new StringBuilder(body.length());
    for (String line : body.split("\n")) {
      String l = line.strip();
      if (l.contains(":")) {
        continue; // RFC 1421 headers such as Proc-Type
      }
      b64.append(l);
    }
    try {
      return Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Text as bytes (Go strings are bytes). */
  public static String latin(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Encodes a block as Go's {@code pem.Encode} does. */
  public static String encode(String type, byte[] bytes) {
    String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(bytes);
    return BEGIN + type + DASHES + "\n" + b64 + "\n-----END " + type + DASHES + "\n";
  }
}
