package io.meshward.plugin.testkit;

import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Devices the contract runs a plugin against: typical reports of each platform in the agent's fact
 * format, plus incomplete and ill-typed ones a plugin must survive.
 */
public final class SampleDevices {

  private SampleDevices() {}

  public static List<Device> all() {
    return List.of(
        device(
            "linux-debian",
            "203.0.113.10",
            Map.of(
                "os.platform", "linux",
                "os.version", "12",
                "os.kernel", "6.1.0-13-amd64",
                "os.distribution", "debian",
                "agent.version", "0.1.0",
                "host.name", "build-box",
                "net.addresses", List.of("10.0.0.5", "fd00::5"),
                "disk.volumes",
                    List.of(
                        volume("/", "/dev/mapper/root", true, true, "luks2"),
                        volume("/boot", "/dev/sda1", true, false, "none")))),
        device(
            "windows-11",
            "198.51.100.20",
            Map.of(
                "os.platform", "windows",
                "os.version", "10.0.22631",
                "agent.version", "0.1.0",
                "host.name", "DESKTOP-1",
                "disk.volumes", List.of(volume("C:", "\\\\.\\C:", true, true, "bitlocker")))),
        device(
            "macos-14",
            "2001:db8::20",
            Map.of(
                "os.platform", "macos",
                "os.version", "14.2.1",
                "agent.version", "0.1.0",
                "disk.volumes", List.of(volume("/", "disk3s1", true, true, "filevault")))),
        device("ios-17", "192.0.2.33", Map.of("os.platform", "ios", "os.version", "17.2")),
        device("android-14", "100.64.1.1", Map.of("os.platform", "android", "os.version", "14")),
        device("empty", null, Map.of()),
        device(
            "ill-typed",
            "10.1.2.3",
            Map.of(
                "os.platform",
                7,
                "os.version",
                List.of("not", "a", "string"),
                "disk.volumes",
                "none",
                "os.kernel",
                Map.of("release", true))));
  }

  private static Map<String, Object> volume(
      String mount, String device, boolean system, boolean encrypted, String method) {
    return Map.of(
        "mount", mount,
        "device", device,
        "system", system,
        "encrypted", encrypted,
        "method", method);
  }

  private static Device device(String id, String address, Map<String, Object> facts) {
    Map<String, FactValue> typed = new LinkedHashMap<>();
    facts.forEach((name, value) -> typed.put(name, FactValue.fromPlain(value)));
    try {
      return new Device(
          "sample-" + id,
          typed,
          address == null ? Optional.empty() : Optional.of(InetAddress.getByName(address)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
