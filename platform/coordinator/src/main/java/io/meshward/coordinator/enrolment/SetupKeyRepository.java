package io.meshward.coordinator.enrolment;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SetupKeyRepository extends JpaRepository<SetupKey, String> {

  Optional<SetupKey> findByKeyHash(String keyHash);

  List<SetupKey> findByAccountIdOrderByCreatedAt(String accountId);

  Optional<SetupKey> findByIdAndAccountId(String id, String accountId);

  /** Uses the key once; 0 rows when its usage limit is already reached (race-free). */
  @Modifying(flushAutomatically = true, clearAutomatically = true)
  @Query(
      "update SetupKey k set k.usedCount = k.usedCount + 1"
          + " where k.id = :id and (k.usageLimit = 0 or k.usedCount < k.usageLimit)")
  int consume(String id);
}
