package io.meshward.agent.posture;

/** One line of {@code /proc/self/mountinfo}, the fields the encryption check needs. */
public record MountEntry(
    String majorMinor, String root, String mountPoint, String fsType, String source) {}
