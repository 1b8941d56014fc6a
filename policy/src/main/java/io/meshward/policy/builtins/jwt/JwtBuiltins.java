package io.meshward.policy.builtins.jwt;

import io.meshward.policy.builtins.Args;
import io.meshward.policy.builtins.BuiltinContext;
import io.meshward.policy.builtins.BuiltinException;
import io.meshward.policy.builtins.BuiltinFamily;
import io.meshward.policy.builtins.BuiltinTable;
import io.meshward.policy.builtins.crypto.Keys;
import io.meshward.policy.builtins.crypto.ParsedCertificate;
import io.meshward.policy.builtins.crypto.PemBlock;
import io.meshward.policy.builtins.encoding.GoBase64;
import io.meshward.policy.builtins.encoding.GoJson;
import io.meshward.policy.value.ArrayValue;
import io.meshward.policy.value.BooleanValue;
import io.meshward.policy.value.Json;
import io.meshward.policy.value.NumberValue;
import io.meshward.policy.value.ObjectValue;
import io.meshward.policy.value.StringValue;
import io.meshward.policy.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The {@code io.jwt.*} builtins: JWS compact tokens decoded, verified and signed. */
public final class JwtBuiltins implements BuiltinFamily {

  private static final String VERIFY = "(string, string) -> boolean";

  @Override
  public void register(BuiltinTable.Builder table) {
    table.add(
        "io.jwt.decode",
        "(string) -> [object[any: any], object[any: any], string]",
        (ctx, args) -> decode(Args.string(args, 0)));
    table.addNondeterministic(
        "io.jwt.decode_verify",
        "(string, object[string: any]) -> [boolean, object[any: any], object[any: any]]",
        JwtBuiltins::decodeVerify);
    table.addNondeterministic(
        "io.jwt.encode_sign",
        "(object[string: any], object[string: any], object[string: any]) -> string",
        (ctx, args) ->
            encodeSign(
                GoJson.marshal(Args.object(args, 0)),
                GoJson.marshal(Args.object(args, 1)),
                GoJson.marshal(Args.object(args, 2))));
    table.addNondeterministic(
        "io.jwt.encode_sign_raw",
        "(string, string, string) -> string",
        (ctx, args) ->
            encodeSign(Args.string(args, 0), Args.string(args, 1), Args.string(args, 2)));
    for (JwsAlgorithm alg : JwsAlgorithm.values()) {
      String name = "io.jwt.verify_" + alg.name().toLowerCase(java.util.Locale.ROOT);
      if (alg.isHmac()) {
        table.add(name, VERIFY, (ctx, args) -> verifyHmac(alg, args));
      } else {
        table.add(name, VERIFY, (ctx, args) -> verifyWithKeys(alg, args));
      }
    }
  }

  // ------------------------------------------------------------------ decoding

  /** The three dot-separated parts of a compact token. */
  record Token(String header, String payload, String signature) {
    byte[] signingInput() {
      return (header + "." + payload).getBytes(StandardCharsets.UTF_8);
    }
  }

  static Token split(String jwt) throws BuiltinException {
    if (jwt.indexOf('.') < 0) {
      throw new BuiltinException("encoded JWT had no period separators");
    }
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new BuiltinException("encoded JWT must have 3 sections, found " + parts.length);
    }
    return new Token(parts[0], parts[1], parts[2]);
  }

  /** OPA's base64url.decode: padding optional. */
  static byte[] base64Url(String s) throws GoBase64.InvalidBase64Exception, BuiltinException {
    if (!s.endsWith("=")) {
      switch (s.length() % 4) {
        case 2 -> s += "==";
        case 3 -> s += "=";
        case 1 -> throw new BuiltinException("illegal base64url string: " + s);
        default -> {}
      }
    }
    return GoBase64.decodeUrl(s);
  }

  private static byte[] part(String encoded, String what) throws BuiltinException {
    try {
      return base64Url(encoded);
    } catch (GoBase64.InvalidBase64Exception e) {
      throw new BuiltinException("JWT " + what + " had invalid encoding: " + e.getMessage());
    } catch (BuiltinException e) {
      throw new BuiltinException("JWT " + what + " had invalid encoding: " + e.getMessage());
    }
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static ObjectValue jsonObject(String s) throws BuiltinException {
    Value v;
    try {
      v = Json.parse(s);
    } catch (Json.JsonSyntaxException e) {
      throw new BuiltinException("invalid JSON: " + e.getMessage());
    }
    if (!(v instanceof ObjectValue o)) {
      throw new BuiltinException("decoded JSON type was not an Object");
    }
    return o;
  }

  static ObjectValue header(Token token) throws BuiltinException {
    byte[] raw = part(token.header(), "header");
    ObjectValue header;
    try {
      header = jsonObject(text(raw));
    } catch (BuiltinException e) {
      throw new BuiltinException("bad JWT header: " + e.getMessage());
    }
    if (header.get("enc") != null) {
      throw new BuiltinException("JWT is a JWE object, which is not supported");
    }
    return header;
  }

  private static Value decode(String jwt) throws BuiltinException {
    while (true) {
      Token token = split(jwt);
      ObjectValue header = header(token);
      String payload = text(part(token.payload(), "payload"));
      if (header.get("cty") instanceof StringValue cty && cty.value().equals("JWT")) {
        // a nested token; jwt.io quotes it, so quotes are trimmed
        jwt = trim(payload, "\"'");
        continue;
      }
      ObjectValue claims = jsonObject(payload);
      byte[] signature = part(token.signature(), "signature");
      return ArrayValue.of(header, claims, StringValue.of(HexFormat.of().formatHex(signature)));
    }
  }

  private static String trim(String s, String cutset) {
    int start = 0;
    int end = s.length();
    while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  // ------------------------------------------------------------------ header fields

  /** The header fields that matter for verification. */
  record Header(String alg, String kid, String cty, boolean valid) {}

  static Header parseHeader(ObjectValue header) throws BuiltinException {
    String alg = "";
    String kid = "";
    String cty = "";
    List<String> unknown = new ArrayList<>();
    List<String> crit = new ArrayList<>();
    for (Value k : header.keys()) {
      String name = ((StringValue) k).value();
      Value v = header.get(k);
      switch (name) {
        case "alg", "kid", "typ", "cty" -> {
          if (!(v instanceof StringValue s)) {
            throw new BuiltinException("header field must be a string");
          }
          switch (name) {
            case "alg" -> alg = s.value();
            case "kid" -> kid = s.value();
            case "cty" -> cty = s.value();
            default -> {}
          }
        }
        case "crit" -> {
          if (!(v instanceof ArrayValue list)) {
            throw new BuiltinException("crit: must be a list");
          }
          for (Value e : list) {
            if (!(e instanceof StringValue s)) {
              throw new BuiltinException("crit: must be a list of strings");
            }
            crit.add(s.value());
          }
          if (crit.isEmpty()) {
            throw new BuiltinException("crit: must be a nonempty list");
          }
        }
        default -> unknown.add(name);
      }
    }
    boolean valid = !alg.isEmpty() && unknown.stream().noneMatch(crit::contains);
    return new Header(alg, kid, cty, valid);
  }

  // ------------------------------------------------------------------ keys

  /** Keys from a PEM certificate, a PEM public key, or a JWK / JWK set. */
  static List<VerificationKey> keys(String text) throws BuiltinException {
    PemBlock block = PemBlock.decode(text);
    if (block != null) {
      if (!block.rest().isEmpty()) {
        throw new BuiltinException("extra data after a PEM certificate block");
      }
      if (block.type().equals("CERTIFICATE")) {
        try {
          return List.of(
              new VerificationKey(
                  "", "", ParsedCertificate.of(block.bytes()).jdk().getPublicKey()));
        } catch (ParsedCertificate.MalformedException e) {
          throw new BuiltinException("failed to parse a PEM certificate: " + e.getMessage());
        }
      }
      if (block.type().equals("PUBLIC KEY")) {
        try {
          return List.of(new VerificationKey("", "", Keys.pkix(block.bytes())));
        } catch (GeneralSecurityException e) {
          throw new BuiltinException("failed to parse a PEM public key: " + e.getMessage());
        }
      }
      throw new BuiltinException("failed to extract a Key from the PEM certificate");
    }
    try {
      return JwkParser.parse(text);
    } catch (JwkParser.JwkException e) {
      throw new BuiltinException("failed to parse a JWK key (set): " + e.getMessage());
    }
  }

  /** Tries the key whose kid matches first, then every key whose alg (if any) matches. */
  private static boolean verifyAny(
      List<VerificationKey> keys, Header header, JwsAlgorithm alg, Token token, byte[] signature) {
    byte[] input = token.signingInput();
    if (!header.kid().isEmpty()) {
      for (VerificationKey k : keys) {
        if (k.kid().equals(header.kid())) {
          return alg.verify(k.key(), input, signature);
        }
      }
    }
    for (VerificationKey k : keys) {
      if (!k.alg().isEmpty() && !k.alg().equals(header.alg())) {
        continue;
      }
      if (alg.verify(k.key(), input, signature)) {
        return true;
      }
    }
    return false;
  }

  private static Value verifyWithKeys(JwsAlgorithm alg, Value[] args) throws BuiltinException {
    Token token = split(Args.string(args, 0));
    List<VerificationKey> keys = keys(Args.string(args, 1));
    byte[] signature = part(token.signature(), "signature");
    Header header = parseHeader(header(token));
    return BooleanValue.of(verifyAny(keys, header, alg, token, signature));
  }

  private static Value verifyHmac(JwsAlgorithm alg, Value[] args) throws BuiltinException {
    Token token = split(Args.string(args, 0));
    byte[] secret = Args.string(args, 1).getBytes(StandardCharsets.UTF_8);
    byte[] signature = part(token.signature(), "signature");
    return BooleanValue.of(alg.verify(secret, token.signingInput(), signature));
  }

  // ------------------------------------------------------------------ decode_verify

  /** The constraints object of decode_verify. */
  private record Constraints(
      List<VerificationKey> keys, String secret, String alg, String iss, String aud, double time) {}

  private static Constraints constraints(ObjectValue o, Instant now) throws BuiltinException {
    List<VerificationKey> keys = null;
    String secret = "";
    String alg = "";
    String iss = "";
    String aud = "";
    Double time = null;
    for (Value k : o.keys()) {
      String name = k instanceof StringValue s ? s.value() : k.toJson();
      Value v = o.get(k);
      switch (name) {
        case "cert" -> keys = keys(constraintString(name, v));
        case "secret" -> secret = constraintString(name, v);
        case "alg" -> alg = constraintString(name, v);
        case "iss" -> iss = constraintString(name, v);
        case "aud" -> aud = constraintString(name, v);
        case "time" -> {
          if (!(v instanceof NumberValue n)) {
            throw new BuiltinException("time constraint: must be a number");
          }
          time = n.doubleValue();
        }
        default -> throw new BuiltinException("unknown token validation constraint: " + name);
      }
    }
    if (time == null) {
      time = now.getEpochSecond() * 1e9 + now.getNano();
    }
    int keyKinds = (keys != null ? 1 : 0) + (secret.isEmpty() ? 0 : 1);
    if (keyKinds > 1) {
      throw new BuiltinException("duplicate key constraints");
    }
    if (keyKinds < 1) {
      throw new BuiltinException("no key constraint");
    }
    return new Constraints(keys, secret, alg, iss, aud, time);
  }

  private static String constraintString(String name, Value v) throws BuiltinException {
    if (!(v instanceof StringValue s)) {
      throw new BuiltinException(name + " constraint: must be a string");
    }
    return s.value();
  }

  private static Value decodeVerify(BuiltinContext ctx, Value[] args) throws BuiltinException {
    String jwt = Args.string(args, 0);
    ObjectValue constraintObject = Args.object(args, 1);
    Value unverified = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
    Constraints c = constraints(constraintObject, ctx.now());
    ObjectValue header;
    String payload;
    while (true) {
      Token token = split(jwt);
      header = header(token);
      Header h = parseHeader(header);
      if (!h.valid()) {
        return unverified;
      }
      if (!c.alg().isEmpty() && !c.alg().equals(h.alg())) {
        return unverified;
      }
      byte[] signature = part(token.signature(), "signature");
      JwsAlgorithm alg = JwsAlgorithm.of(h.alg());
      if (alg == null) {
        throw new BuiltinException("unknown JWS algorithm: " + h.alg());
      }
      boolean verified;
      if (c.keys() != null) {
        verified = verifyAny(c.keys(), h, alg, token, signature);
      } else if (!alg.isHmac()) {
        throw new BuiltinException("incorrect public key type");
      } else {
        verified =
            alg.verify(
                c.secret().getBytes(StandardCharsets.UTF_8), token.signingInput(), signature);
      }
      if (!verified) {
        return unverified;
      }
      payload = text(part(token.payload(), "payload"));
      if (h.cty().toUpperCase(java.util.Locale.ROOT).equals("JWT")) {
        jwt = payload;
        continue;
      }
      break;
    }
    ObjectValue claims = jsonObject(payload);
    if (!c.iss().isEmpty()) {
      if (!(claims.get("iss") instanceof StringValue iss) || !iss.value().equals(c.iss())) {
        return unverified;
      }
    }
    Value aud = claims.get("aud");
    if (aud != null) {
      if (!validAudience(aud, c.aud())) {
        return unverified;
      }
    } else if (!c.aud().isEmpty()) {
      return unverified;
    }
    BigDecimal now = NumberValue.of(c.time() / 1_000_000_000d).bigDecimalValue();
    Value exp = claims.get("exp");
    if (exp != null) {
      if (!(exp instanceof NumberValue n)) {
        throw new BuiltinException("exp value must be a number");
      }
      if (now.compareTo(n.bigDecimalValue()) >= 0) {
        return unverified;
      }
    }
    Value nbf = claims.get("nbf");
    if (nbf != null) {
      if (!(nbf instanceof NumberValue n)) {
        throw new BuiltinException("nbf value must be a number");
      }
      if (now.compareTo(n.bigDecimalValue()) < 0) {
        return unverified;
      }
    }
    return ArrayValue.of(BooleanValue.TRUE, header, claims);
  }

  private static boolean validAudience(Value aud, String wanted) {
    if (aud instanceof StringValue s) {
      return s.value().equals(wanted);
    }
    if (aud instanceof ArrayValue a) {
      for (Value e : a) {
        if (e instanceof StringValue s && s.value().equals(wanted)) {
          return true;
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ signing

  private static Value encodeSign(String headers, String payload, String jwk)
      throws BuiltinException {
    VerificationKey key;
    String kty;
    try {
      List<VerificationKey> keys = JwkParser.parse(jwk);
      key = keys.get(0);
      Value parsed = Json.parse(jwk);
      ObjectValue first =
          parsed instanceof ObjectValue o && o.get("keys") instanceof ArrayValue list
              ? (ObjectValue) list.get(0)
              : (ObjectValue) parsed;
      kty = JwkParser.keyType(first);
    } catch (JwkParser.JwkException e) {
      throw new BuiltinException("failed to parse JWK: " + e.getMessage());
    }
    if (!JwkParser.matchesType(key.key(), kty)) {
      throw new BuiltinException("JWK derived key type and keyType parameter do not match");
    }
    String algName = headerAlg(headers);
    JwsAlgorithm alg = JwsAlgorithm.of(algName);
    if (alg == null) {
      throw new BuiltinException("unknown JWS algorithm: " + algName);
    }
    ObjectValue headerObject = (ObjectValue) Json.parse(headers);
    Value typ = headerObject.get("typ");
    boolean jwtType = typ == null || (typ instanceof StringValue t && t.value().equals("JWT"));
    if (jwtType && !isJson(payload)) {
      throw new BuiltinException("type is JWT but payload is not JSON");
    }
    String input =
        GoBase64.encodeRawUrl(headers.getBytes(StandardCharsets.UTF_8))
            + "."
            + GoBase64.encodeRawUrl(payload.getBytes(StandardCharsets.UTF_8));
    byte[] signature = alg.sign(key.key(), input.getBytes(StandardCharsets.UTF_8));
    return StringValue.of(input + "." + GoBase64.encodeRawUrl(signature));
  }

  /** The "alg" of raw header JSON, with the errors OPA reports. */
  private static String headerAlg(String headers) throws BuiltinException {
    String prefix = "missing or invalid 'alg' header: ";
    if (headers.isEmpty()) {
      throw new BuiltinException(prefix + "cannot parse JSON: cannot parse empty string");
    }
    Value parsed;
    try {
      parsed = Json.parse(headers);
    } catch (Json.JsonSyntaxException e) {
      throw new BuiltinException(prefix + "cannot parse JSON: " + e.getMessage());
    }
    if (!(parsed instanceof ObjectValue o) || o.get("alg") == null) {
      throw new BuiltinException(prefix + "jwsbb: header \"alg\" not found");
    }
    if (!(o.get("alg") instanceof StringValue s)) {
      throw new BuiltinException(prefix + "jwsbb: header \"alg\" is not a string");
    }
    return s.value();
  }

  private static boolean isJson(String s) {
    try {
      Json.parse(s);
      return true;
    } catch (Json.JsonSyntaxException e) {
      return false;
    }
  }
}
