package io.meshward.agent.posture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the {@code disk.volumes} fact.
 *
 * @param method "luks2", "luks1", "dm-crypt", "bitlocker", "filevault" or "none"
 */
public record DiskVolume(
    String mount, String device, boolean system, boolean encrypted, String method) {

  /** Mount points whose data make up the operating system and its users' files. */
  static final Set<String> SYSTEM_MOUNTS = Set.of("/", "/boot", "/usr", "/var", "/home", "swap");

  public static boolean isSystemMount(String mount) {
    return SYSTEM_MOUNTS.contains(mount);
  }

  /** The fact's map form, in the documented key order. */
  public Map<String, Object> toFact() {
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("mount", mount);
    fact.put("device", device);
    fact.put("system", system);
    fact.put("encrypted", encrypted);
    fact.put("method", method);
    return fact;
  }
}
