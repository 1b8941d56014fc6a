/**
 * Rego on the JVM: parse, compile and evaluate policies, plus the {@code PolicyEngine} SPI that the
 * coordinator decides through. A plain library: no Spring, Hibernate, gRPC or Netty.
 */
package io.meshward.policy;
