package io.meshward.agent.dataplane;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Keeps an interface's global addresses and its {@code proto static} routes as wanted. */
final class InterfaceAddresses {

  private final CommandRunner runner;

  InterfaceAddresses(CommandRunner runner) {
    this.runner = runner;
  }

  /** Makes {@code address} (address/prefix) the interface's only global address. */
  void sync(String name, String address) {
    String wanted = hostForm(address);
    Set<String> present = new LinkedHashSet<>();
    for (String line : runner.check("ip", "-o", "address", "show", "dev", name).split("\n")) {
      String[] tokens = line.trim().split("\\s+");
      for (int i = 0; i + 1 < tokens.length; i++) {
        if ((tokens[i].equals("inet") || tokens[i].equals("inet6"))
            && !line.contains("scope link")) {
          present.add(hostForm(tokens[i + 1]));
        }
      }
    }
    for (String stale : present) {
      if (!stale.equals(wanted)) {
        runner.check("ip", "address", "delete", stale, "dev", name);
      }
    }
    if (!present.contains(wanted)) {
      runner.check("ip", "address", "add", wanted, "dev", name);
    }
  }

  /** Adds the missing routes and deletes the ones no peer needs any more. */
  void syncRoutes(String name, Set<Cidr> wanted) {
    Set<Cidr> present = new HashSet<>();
    present.addAll(routes(name, "-4"));
    present.addAll(routes(name, "-6"));
    for (Cidr stale : present) {
      if (!wanted.contains(stale)) {
        runner.check("ip", "route", "delete", stale.toString(), "dev", name, "proto", "static");
      }
    }
    for (Cidr route : wanted) {
      if (!present.contains(route)) {
        runner.check("ip", "route", "replace", route.toString(), "dev", name, "proto", "static");
      }
    }
  }

  private Set<Cidr> routes(String name, String family) {
    Set<Cidr> result = new HashSet<>();
    CommandResult listing =
        runner.run("ip", family, "-o", "route", "show", "dev", name, "proto", "static");
    if (!listing.succeeded()) {
      return result; // IPv6 may be disabled in this namespace: then there are no IPv6 routes.
    }
    for (String line : listing.stdout().split("\n")) {
      String destination = line.trim().split("\\s+")[0];
      if (!destination.isEmpty() && !destination.equals("default")) {
        result.add(Cidr.parse(destination));
      }
    }
    return result;
  }

  /** The address with its host bits kept, as {@code ip} prints it: 10.1.2.3/24, fd00::1/64. */
  private static String hostForm(String address) {
    Cidr host =
        Cidr.parse(address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
    int prefix = Cidr.parse(address).prefixLength();
    return host.address() + "/" + prefix;
  }
}
