package io.meshward.agent.posture;

import java.util.List;

/**
 * Finds the device's volumes and whether each is encrypted. One implementation per platform: Linux
 * reads the block-device tree, Windows asks {@code manage-bde -status}, macOS asks {@code fdesetup
 * status}.
 */
public interface DiskEncryptionProbe {

  List<DiskVolume> volumes();
}
