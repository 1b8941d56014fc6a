package io.meshward.plugin.host;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/** The whole host: plugins loaded from a directory, a guarded runner, and the posture tracker. */
public final class PostureHost implements AutoCloseable {

  private final LoadedPlugins plugins;
  private final CheckRunner runner;
  private final PostureTracker tracker;

  private PostureHost(LoadedPlugins plugins, CheckRunner runner, PostureTracker tracker) {
    this.plugins = plugins;
    this.runner = runner;
    this.tracker = tracker;
  }

  /** Loads and starts every plugin in {@code settings.pluginDir()}. */
  public static PostureHost start(HostSettings settings, VerdictListener listener)
      throws IOException {
    return start(settings, listener, Clock.systemUTC());
  }

  public static PostureHost start(HostSettings settings, VerdictListener listener, Clock clock)
      throws IOException {
    LoadedPlugins plugins = LoadedPlugins.load(settings);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.evaluationTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    CheckRunner runner = new CheckRunner(settings, http, clock);
    PostureTracker tracker =
        new PostureTracker(plugins.checks(), plugins.plugins(), runner, clock, listener);
    return new PostureHost(plugins, runner, tracker);
  }

  /** Every artifact found and what became of it. */
  public List<PluginInfo> plugins() {
    return plugins.plugins();
  }

  /** The started plugins' checks. */
  public List<HostedCheck> checks() {
    return plugins.checks();
  }

  public CheckRunner runner() {
    return runner;
  }

  public PostureTracker tracker() {
    return tracker;
  }

  @Override
  public void close() {
    runner.close();
    plugins.close();
  }
}
