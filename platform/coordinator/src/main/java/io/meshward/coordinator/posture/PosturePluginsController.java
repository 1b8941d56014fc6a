package io.meshward.coordinator.posture;

import io.meshward.plugin.host.LoadState;
import io.meshward.plugin.host.PluginInfo;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators see which posture plugins run, and why the others do not. */
@RestController
@RequestMapping("/api/v1/posture/plugins")
class PosturePluginsController {

  private final PostureService posture;

  PosturePluginsController(PostureService posture) {
    this.posture = posture;
  }

  /**
   * One plugin artifact as operators see it.
   *
   * @param lastError why it was refused or failed; null when it runs
   */
  record PluginView(
      String id,
      String version,
      String apiVersion,
      LoadState state,
      String lastError,
      String artifact) {

    static PluginView of(PluginInfo info) {
      return new PluginView(
          info.id(),
          info.version(),
          info.apiVersion(),
          info.state(),
          info.lastError().orElse(null),
          info.artifact());
    }
  }

  @GetMapping
  List<PluginView> plugins() {
    return posture.plugins().stream().map(PluginView::of).toList();
  }
}
