package io.meshward.coordinator.peers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PeerRepository extends JpaRepository<Peer, String> {

  List<Peer> findByAccountIdOrderByName(String accountId);

  Optional<Peer> findByIdAndAccountId(String id, String accountId);

  List<Peer> findByAccountIdAndIdIn(String accountId, Collection<String> ids);

  boolean existsByAccountIdAndName(String accountId, String name);

  boolean existsByWireguardPublicKey(String wireguardPublicKey);

  @Query("select p.meshAddress from Peer p where p.accountId = :accountId")
  List<String> meshAddresses(String accountId);

  @Query("select p.name from Peer p where p.accountId = :accountId and p.name like :prefix%")
  List<String> namesStartingWith(String accountId, String prefix);
}
