package io.meshward.plugins.geolocation;

import org.pf4j.Plugin;

/** PF4J entry point of the geolocation posture plugin. */
public class GeolocationPlugin extends Plugin {}
