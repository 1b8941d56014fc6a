package io.meshward.plugins.diskencryption;

import org.pf4j.Plugin;

/** PF4J entry point of the disk-encryption posture plugin. */
public class DiskEncryptionPlugin extends Plugin {}
