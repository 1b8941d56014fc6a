package io.meshward.coordinator.auth;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, String> {

  Optional<ApiToken> findByTokenHash(String tokenHash);

  List<ApiToken> findByAccountIdOrderByCreatedAt(String accountId);

  Optional<ApiToken> findByIdAndAccountId(String id, String accountId);
}
