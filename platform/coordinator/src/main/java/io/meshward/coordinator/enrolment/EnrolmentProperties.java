package io.meshward.coordinator.enrolment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Enrolment settings.
 *
 * @param deviceCertificateValidity how long a device certificate is valid (default 365 days); a
 *     peer whose certificate expired must enrol again
 */
@ConfigurationProperties("meshward.enrolment")
public record EnrolmentProperties(Duration deviceCertificateValidity) {

  public EnrolmentProperties {
    if (deviceCertificateValidity == null) {
      deviceCertificateValidity = Duration.ofDays(365);
    }
  }
}
