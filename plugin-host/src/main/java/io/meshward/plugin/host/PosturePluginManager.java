package io.meshward.plugin.host;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.BasePluginLoader;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginClasspath;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/**
 * PF4J's plugin manager with one change: the plugin API always comes from the host, even if a
 * plugin bundles its own copy, so a check's types are the host's types. Everything else a plugin
 * bundles is loaded plugin-first, which keeps two plugins' libraries apart.
 */
final class PosturePluginManager extends DefaultPluginManager {

  PosturePluginManager(Path workDir) {
    super(workDir);
  }

  @Override
  protected PluginLoader createPluginLoader() {
    return new CompoundPluginLoader().add(new DirectoryLoader(this)).add(new JarLoader(this));
  }

  /** An unpacked zip: {@code classes/} and {@code lib/*.jar}. */
  private static final class DirectoryLoader extends BasePluginLoader {
    DirectoryLoader(PluginManager manager) {
      super(manager, new DefaultPluginClasspath());
    }

    @Override
    public boolean isApplicable(Path path) {
      return Files.isDirectory(path);
    }

    @Override
    protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor descriptor) {
      return new ApiSharingClassLoader(pluginManager, descriptor);
    }
  }

  /** A single jar holding its classes and {@code META-INF/MANIFEST.MF} descriptor. */
  private static final class JarLoader implements PluginLoader {
    private final PluginManager manager;

    JarLoader(PluginManager manager) {
      this.manager = manager;
    }

    @Override
    public boolean isApplicable(Path path) {
      return path.toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    @Override
    public ClassLoader loadPlugin(Path path, PluginDescriptor descriptor) {
      var loader = new ApiSharingClassLoader(manager, descriptor);
      loader.addFile(path.toFile());
      return loader;
    }
  }

  private static final class ApiSharingClassLoader extends PluginClassLoader {
    private static final String API_PACKAGE = "io.meshward.plugin.api.";

    ApiSharingClassLoader(PluginManager manager, PluginDescriptor descriptor) {
      super(manager, descriptor, PosturePluginManager.class.getClassLoader());
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
      if (name.startsWith(API_PACKAGE)) {
        return getParent().loadClass(name);
      }
      return super.loadClass(name);
    }
  }
}
