package io.meshward.policy.eval;

/** The rest of an evaluation; returns false to stop searching for more solutions. */
@FunctionalInterface
interface Cont {
  boolean run();
}
