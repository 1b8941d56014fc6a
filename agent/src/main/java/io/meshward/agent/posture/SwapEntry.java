package io.meshward.agent.posture;

/** One line of {@code /proc/swaps}: a swap partition or a swap file. */
public record SwapEntry(String filename, boolean partition) {}
