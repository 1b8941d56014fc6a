package io.meshward.plugin.host;

import io.meshward.plugin.api.ApiVersion;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.PostureCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins loaded from one directory: each artifact is copied into the host's private work
 * directory, its signature (if required) and API version checked on that copy, then loaded by PF4J
 * into its own class loader and started.
 */
public final class LoadedPlugins implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoadedPlugins.class);

  private final PosturePluginManager manager;
  private final Path loadDir;
  private final List<PluginInfo> infos;
  private final List<HostedCheck> checks;

  private LoadedPlugins(
      PosturePluginManager manager,
      Path loadDir,
      List<PluginInfo> infos,
      List<HostedCheck> checks) {
    this.manager = manager;
    this.loadDir = loadDir;
    this.infos = List.copyOf(infos);
    this.checks = List.copyOf(checks);
  }

  /** Every artifact found, in file-name order, with what became of it. */
  public List<PluginInfo> plugins() {
    return infos;
  }

  /** The checks of the plugins that started. */
  public List<HostedCheck> checks() {
    return checks;
  }

  /** Loads every {@code *.zip} and {@code *.jar} in {@code settings.pluginDir()}. */
  public static LoadedPlugins load(HostSettings settings) throws IOException {
    Files.createDirectories(settings.workDir());
    Path loadDir = Files.createTempDirectory(settings.workDir(), "load-");
    var manager = new PosturePluginManager(loadDir);
    var signatures = new ArtifactSignatures(settings.trustedKeys());
    List<PluginInfo> infos = new ArrayList<>();
    List<HostedCheck> checks = new ArrayList<>();
    for (Path artifact : artifactsIn(settings.pluginDir())) {
      PluginInfo info = loadOne(artifact, loadDir, settings, signatures, manager, checks);
      switch (info.state()) {
        case STARTED ->
            log.info(
                "Posture plugin {} {} started (plugin API {})",
                info.id(),
                info.version(),
                info.apiVersion());
        case REFUSED ->
            log.warn("Posture plugin {} REFUSED: {}", info.artifact(), info.lastError().orElse(""));
        case FAILED ->
            log.error("Posture plugin {} FAILED: {}", info.artifact(), info.lastError().orElse(""));
      }
      infos.add(info);
    }
    return new LoadedPlugins(manager, loadDir, infos, checks);
  }

  private static List<Path> artifactsIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      log.info("Posture plugin directory {} does not exist; no posture plugins loaded", dir);
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".zip") || p.toString().endsWith(".jar"))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  private static PluginInfo loadOne(
      Path artifact,
      Path loadDir,
      HostSettings settings,
      ArtifactSignatures signatures,
      PosturePluginManager manager,
      List<HostedCheck> checks) {
    String name = artifact.getFileName().toString();
    Path copy = loadDir.resolve(name);
    try {
      // Check the bytes we load, not the file an operator (or attacker) might swap afterwards.
      byte[] bytes = Files.readAllBytes(artifact);
      if (settings.requireSigned()) {
        Optional<String> problem =
            signatures.verify(bytes, ArtifactSignatures.signatureFileOf(artifact));
        if (problem.isPresent()) {
          return PluginInfo.refused(idOrName(artifact, name), name, "", problem.get());
        }
      }
      Files.write(copy, bytes);
    } catch (IOException e) {
      return PluginInfo.failed(name, "", "", name, "cannot read artifact: " + e.getMessage());
    }

    ArtifactDescriptor descriptor;
    try {
      descriptor = ArtifactDescriptor.read(copy);
    } catch (IOException e) {
      return PluginInfo.failed(
          name, "", "", name, "not a plugin zip or jar (" + e.getMessage() + ")");
    }
    String id = descriptor.id().isEmpty() ? name : descriptor.id();
    if (descriptor.apiVersion().isEmpty()) {
      return PluginInfo.refused(
          id,
          name,
          "",
          "declares no "
              + ApiVersion.ATTRIBUTE
              + " attribute; rebuild it against plugin API "
              + ApiVersion.CURRENT);
    }
    ApiVersion built;
    try {
      built = ApiVersion.parse(descriptor.apiVersion().get());
    } catch (IllegalArgumentException e) {
      return PluginInfo.refused(id, name, descriptor.apiVersion().get(), e.getMessage());
    }
    if (!ApiVersion.CURRENT.isCompatibleWith(built)) {
      return PluginInfo.refused(
          id,
          name,
          built.toString(),
          "built for plugin API "
              + built
              + " but this host provides plugin API "
              + ApiVersion.CURRENT
              + "; only plugins built for API "
              + ApiVersion.CURRENT.major()
              + ".x can load");
    }
    return start(id, name, descriptor, built, copy, manager, checks);
  }

  private static PluginInfo start(
      String id,
      String name,
      ArtifactDescriptor descriptor,
      ApiVersion built,
      Path copy,
      PosturePluginManager manager,
      List<HostedCheck> checks) {
    String version = descriptor.version();
    String api = built.toString();
    String loadedId;
    try {
      loadedId = manager.loadPlugin(copy);
    } catch (RuntimeException | LinkageError e) {
      return PluginInfo.failed(id, version, api, name, "cannot load: " + describe(e));
    }
    if (loadedId == null) {
      return PluginInfo.failed(id, version, api, name, "PF4J found no plugin in the artifact");
    }
    PluginState state;
    try {
      state = manager.startPlugin(loadedId);
    } catch (RuntimeException | LinkageError e) {
      manager.unloadPlugin(loadedId);
      return PluginInfo.failed(loadedId, version, api, name, "cannot start: " + describe(e));
    }
    PluginWrapper wrapper = manager.getPlugin(loadedId);
    if (state != PluginState.STARTED) {
      String why =
          wrapper.getFailedException() == null
              ? "ended in state " + state
              : describe(wrapper.getFailedException());
      manager.unloadPlugin(loadedId);
      return PluginInfo.failed(loadedId, version, api, name, "cannot start: " + why);
    }
    try {
      List<PostureCheck> found = manager.getExtensions(PostureCheck.class, loadedId);
      if (found.size() != 1) {
        manager.unloadPlugin(loadedId);
        return PluginInfo.failed(
            loadedId,
            version,
            api,
            name,
            "provides "
                + found.size()
                + " PostureCheck extensions; a plugin must provide exactly one, annotated"
                + " @org.pf4j.Extension");
      }
      PostureCheck check = found.getFirst();
      Map<String, FactDeclaration> declarations = new LinkedHashMap<>();
      for (FactDeclaration declaration : check.declaredFacts()) {
        if (declarations.put(declaration.name(), declaration) != null) {
          manager.unloadPlugin(loadedId);
          return PluginInfo.failed(
              loadedId, version, api, name, "declares fact '" + declaration.name() + "' twice");
        }
      }
      checks.add(new HostedCheck(loadedId, check, declarations, wrapper.getPluginClassLoader()));
    } catch (RuntimeException | LinkageError e) {
      manager.unloadPlugin(loadedId);
      return PluginInfo.failed(loadedId, version, api, name, "broken check: " + describe(e));
    }
    return new PluginInfo(loadedId, version, api, LoadState.STARTED, Optional.empty(), name);
  }

  /** The id an unverified artifact claims, so operators recognise it; else its file name. */
  private static String idOrName(Path artifact, String name) {
    try {
      String id = ArtifactDescriptor.read(artifact).id();
      return id.isEmpty() ? name : id;
    } catch (IOException | RuntimeException e) {
      return name;
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    manager.stopPlugins();
    manager.unloadPlugins();
    try (Stream<Path> files = Files.walk(loadDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not remove plugin work directory {}: {}", loadDir, e.getMessage());
    }
  }
}
