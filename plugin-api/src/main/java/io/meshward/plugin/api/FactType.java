package io.meshward.plugin.api;

/** The type of a {@link FactValue}; a check declares the type of each fact it produces. */
public enum FactType {
  STRING,
  NUMBER,
  BOOLEAN,
  LIST,
  MAP
}
