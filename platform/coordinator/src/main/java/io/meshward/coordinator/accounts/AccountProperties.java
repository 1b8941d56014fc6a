package io.meshward.coordinator.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Account defaults.
 *
 * @param defaultMeshRange the IPv4 range new accounts allocate peer addresses from (CGNAT range by
 *     default, as other WireGuard meshes do)
 * @param bootstrapAccountName name of the account created on first start
 */
@ConfigurationProperties("meshward.accounts")
public record AccountProperties(String defaultMeshRange, String bootstrapAccountName) {

  public AccountProperties {
    if (defaultMeshRange == null || defaultMeshRange.isBlank()) {
      defaultMeshRange = "100.64.0.0/10";
    }
    if (bootstrapAccountName == null || bootstrapAccountName.isBlank()) {
      bootstrapAccountName = "default";
    }
  }
}
