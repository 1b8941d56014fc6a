package io.meshward.policy.engine;

/** Why a decision could not be made. Every kind means the caller must deny. */
public enum FailureKind {
  /** The policy itself failed: a Rego error, a conflict, a builtin error. */
  ENGINE_ERROR,
  /** The evaluation ran out of its budget (time or steps) before it finished. */
  TIMEOUT,
  /** The remote engine could not be reached (refused, reset, name not resolved, closed engine). */
  UNREACHABLE,
  /** The remote engine answered, but not with a usable decision (status, body, JSON). */
  BAD_RESPONSE
}
