package io.meshward.coordinator.relays;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RelayRepository extends JpaRepository<Relay, String> {

  List<Relay> findByAccountIdOrderByName(String accountId);

  Optional<Relay> findByIdAndAccountId(String id, String accountId);

  boolean existsByAccountIdAndName(String accountId, String name);
}
