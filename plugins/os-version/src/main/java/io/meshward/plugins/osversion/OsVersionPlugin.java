package io.meshward.plugins.osversion;

import org.pf4j.Plugin;

/** PF4J entry point of the os-version posture plugin. */
public class OsVersionPlugin extends Plugin {}
