package io.meshward.coordinator.groups;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface GroupRepository extends JpaRepository<MeshGroup, String> {

  List<MeshGroup> findByAccountIdOrderByName(String accountId);

  Optional<MeshGroup> findByIdAndAccountId(String id, String accountId);

  List<MeshGroup> findByAccountIdAndIdIn(String accountId, Collection<String> ids);

  boolean existsByAccountIdAndName(String accountId, String name);
}
