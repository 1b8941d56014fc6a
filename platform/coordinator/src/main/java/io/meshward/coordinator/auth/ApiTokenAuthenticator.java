package io.meshward.coordinator.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** Authenticates {@code Authorization: Bearer mwt_...} personal access tokens. */
@Component
class ApiTokenAuthenticator implements Authenticator {

  private static final String BEARER = "Bearer ";

  private final ApiTokenService tokens;

  ApiTokenAuthenticator(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<Caller> authenticate(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return tokens.verify(header.substring(BEARER.length()).trim());
  }
}
