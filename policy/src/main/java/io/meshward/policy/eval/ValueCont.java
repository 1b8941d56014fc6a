package io.meshward.policy.eval;

import io.meshward.policy.value.Value;

/** Receives one value of a term; returns false to stop searching for more. */
@FunctionalInterface
interface ValueCont {
  boolean accept(Value value);
}
