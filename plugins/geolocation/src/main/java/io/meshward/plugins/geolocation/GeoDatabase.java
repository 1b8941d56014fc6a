package io.meshward.plugins.geolocation;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open MaxMind database (GeoIP2/GeoLite2 City or Country format). Operators replace the file in
 * place when they update it; {@link Cache} reopens it when its modification time changes.
 */
final class GeoDatabase {

  private final Reader reader;

  private GeoDatabase(Reader reader) {
    this.reader = reader;
  }

  /** Where an address is: its country and, if the database knows them, its regions. */
  record Location(String country, List<String> regions) {}

  /** The location of {@code address}, empty if the database has no country for it. */
  Optional<Location> locate(InetAddress address) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> record = reader.get(address, Map.class);
    if (record == null) {
      return Optional.empty();
    }
    Optional<String> country =
        isoCode(record.get("country")).or(() -> isoCode(record.get("registered_country")));
    if (country.isEmpty()) {
      return Optional.empty();
    }
    List<String> regions = new ArrayList<>();
    if (record.get("subdivisions") instanceof List<?> subdivisions) {
      for (Object subdivision : subdivisions) {
        isoCode(subdivision).ifPresent(code -> regions.add(country.get() + "-" + code));
      }
    }
    return Optional.of(new Location(country.get(), List.copyOf(regions)));
  }

  private static Optional<String> isoCode(Object node) {
    if (node instanceof Map<?, ?> map && map.get("iso_code") instanceof String code) {
      return Optional.of(code);
    }
    return Optional.empty();
  }

  /** One open database per file, reopened when the file changes. */
  static final class Cache {
    private Path path;
    private FileTime modified;
    private GeoDatabase database;

    synchronized GeoDatabase open(Path file) throws IOException {
      FileTime now = Files.getLastModifiedTime(file);
      if (database == null || !file.equals(path) || !now.equals(modified)) {
        Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY);
        if (database != null) {
          database.reader.close();
        }
        database = new GeoDatabase(reader);
        path = file;
        modified = now;
      }
      return database;
    }
  }
}
