package io.meshward.coordinator.policies;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface PolicyBundleRepository extends JpaRepository<PolicyBundle, String> {

  List<PolicyBundle> findByAccountIdOrderByVersionDesc(String accountId);

  Optional<PolicyBundle> findByAccountIdAndVersion(String accountId, int version);

  @Query("select coalesce(max(b.version), 0) from PolicyBundle b where b.accountId = :accountId")
  int latestVersion(String accountId);
}
