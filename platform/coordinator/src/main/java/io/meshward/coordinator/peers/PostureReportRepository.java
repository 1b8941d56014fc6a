package io.meshward.coordinator.peers;

import org.springframework.data.jpa.repository.JpaRepository;

interface PostureReportRepository extends JpaRepository<PostureReport, String> {}
