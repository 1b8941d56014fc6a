package io.meshward.coordinator.audit;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface AuditEventRepository
    extends JpaRepository<AuditEvent, String>, JpaSpecificationExecutor<AuditEvent> {}
