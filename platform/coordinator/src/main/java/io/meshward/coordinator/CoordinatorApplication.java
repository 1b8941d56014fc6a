package io.meshward.coordinator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the Meshward coordinator. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CoordinatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CoordinatorApplication.class, args);
  }
}
