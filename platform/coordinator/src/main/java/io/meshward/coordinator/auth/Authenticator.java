package io.meshward.coordinator.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The one seam through which REST callers are authenticated. Personal access tokens implement it
 * today; an OIDC (Keycloak) implementation can be added beside it without touching controllers.
 */
public interface Authenticator {

  /**
   * @return the caller, or empty when this request carries no credential this authenticator
   *     understands or the credential is not valid
   */
  Optional<Caller> authenticate(HttpServletRequest request);
}
