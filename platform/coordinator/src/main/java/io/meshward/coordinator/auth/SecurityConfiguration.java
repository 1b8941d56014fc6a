package io.meshward.coordinator.auth;

import io.meshward.coordinator.api.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Every endpoint needs an authenticated caller, except the health probes. The OpenAPI document is
 * behind authentication too: it describes the admin API, and there is no reason to hand it out.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http, List<Authenticator> authenticators, ProblemWriter problems)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .anonymous(anonymous -> anonymous.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new AuthenticationFilter(authenticators), AuthorizationFilter.class)
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            problems.write(
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "Authentication required",
                                "Send a valid personal access token as 'Authorization: Bearer"
                                    + " <token>'."))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.write(
                                response,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "This caller may not do that.")));
    return http.build();
  }

  /**
   * Authentication happens in {@link AuthenticationFilter} only. This manager exists so Spring Boot
   * does not create its default in-memory user (and log a generated password).
   */
  @Bean
  AuthenticationManager noPasswordLogins() {
    return authentication -> {
      throw new ProviderNotFoundException("Meshward has no password logins");
    };
  }
}
