package io.meshward.coordinator.decisions;

import io.meshward.coordinator.auth.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Explains connection decisions between peers of the caller's account. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

  private final DecisionExplainer explainer;

  DecisionController(DecisionExplainer explainer) {
    this.explainer = explainer;
  }

  /** {@code ?source=<peer id or name>&destination=<peer id or name>}; 404 for unknown peers. */
  @GetMapping
  Explanation explain(
      @AuthenticationPrincipal Caller caller,
      @RequestParam String source,
      @RequestParam String destination) {
    return explainer.explain(caller.accountId(), source, destination);
  }
}
