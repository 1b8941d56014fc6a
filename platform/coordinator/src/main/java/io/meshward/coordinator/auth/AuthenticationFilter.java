package io.meshward.coordinator.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts the caller found by the {@link Authenticator}s into Spring Security's context. */
class AuthenticationFilter extends OncePerRequestFilter {

  private final List<Authenticator> authenticators;

  AuthenticationFilter(List<Authenticator> authenticators) {
    this.authenticators = authenticators;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Authenticator authenticator : authenticators) {
      var caller = authenticator.authenticate(request);
      if (caller.isPresent()) {
        var authentication =
            UsernamePasswordAuthenticationToken.authenticated(
                caller.get(), null, List.of(new SimpleGrantedAuthority("ROLE_ACCOUNT_ADMIN")));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        break;
      }
    }
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
