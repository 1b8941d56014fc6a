package io.meshward.plugin.host;

/** Where a plugin artifact ended up after loading. */
public enum LoadState {
  /** Loaded and running: its check is evaluated. */
  STARTED,
  /** Not loaded, on purpose: bad signature, incompatible API version, no API version. */
  REFUSED,
  /** Could not be loaded or started: broken artifact, no check, duplicate id. */
  FAILED
}
