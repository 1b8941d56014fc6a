package io.meshward.coordinator.policies;

import io.meshward.coordinator.auth.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Policy bundles of the caller's account: upload, list, read, (re)activate. */
@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

  record UploadRequest(
      @NotEmpty Map<String, String> modules,
      JsonNode data,
      Map<String, String> tests,
      Boolean activate) {}

  record BundleSummary(
      int version,
      boolean active,
      List<String> modules,
      List<String> tests,
      String createdBy,
      Instant createdAt) {}

  record BundleView(
      int version,
      boolean active,
      Map<String, String> modules,
      JsonNode data,
      Map<String, String> tests,
      String createdBy,
      Instant createdAt) {}

  private final PolicyService policies;
  private final JsonMapper json;

  PolicyController(PolicyService policies, JsonMapper json) {
    this.policies = policies;
    this.json = json;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  BundleView upload(
      @AuthenticationPrincipal Caller caller, @Valid @RequestBody UploadRequest body) {
    String data =
        body.data() == null || body.data().isNull() ? null : json.writeValueAsString(body.data());
    if (data != null && !body.data().isObject()) {
      throw new io.meshward.coordinator.api.InvalidRequestException(
          "data", "must be a JSON object (the data document)");
    }
    var source = new PolicyBundleSource(body.modules(), data, body.tests());
    boolean activate = body.activate() == null || body.activate();
    return view(policies.upload(caller.accountId(), source, activate, caller.actor()));
  }

  @GetMapping
  List<BundleSummary> list(@AuthenticationPrincipal Caller caller) {
    return policies.list(caller.accountId()).stream()
        .map(
            b ->
                new BundleSummary(
                    b.version(),
                    b.active(),
                    List.copyOf(new java.util.TreeSet<>(b.source().modules().keySet())),
                    List.copyOf(new java.util.TreeSet<>(b.source().tests().keySet())),
                    b.createdBy(),
                    b.createdAt()))
        .toList();
  }

  @GetMapping("/{version}")
  BundleView get(@AuthenticationPrincipal Caller caller, @PathVariable int version) {
    return view(policies.get(caller.accountId(), version));
  }

  @PostMapping("/{version}/activate")
  BundleView activate(@AuthenticationPrincipal Caller caller, @PathVariable int version) {
    return view(policies.activate(caller.accountId(), version, caller.actor()));
  }

  @ExceptionHandler(PolicyRejectedException.class)
  ProblemDetail rejected(PolicyRejectedException e) {
    var report = e.report();
    var lines = new java.util.ArrayList<String>();
    report
        .errors()
        .forEach(x -> lines.add(x.file() + ":" + x.row() + ":" + x.col() + ": " + x.message()));
    report
        .failedTests()
        .forEach(t -> lines.add("test " + t.name() + " in " + t.file() + " " + t.reason()));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage() + ": " + String.join("; ", lines));
    problem.setTitle("Policy bundle rejected");
    problem.setProperty("errors", report.errors());
    problem.setProperty("failedTests", report.failedTests());
    return problem;
  }

  @ExceptionHandler(PolicyEngineUnavailableException.class)
  ProblemDetail unavailable(PolicyEngineUnavailableException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setTitle("Policy engine unavailable");
    return problem;
  }

  private BundleView view(PolicyService.StoredBundle b) {
    return new BundleView(
        b.version(),
        b.active(),
        b.source().modules(),
        b.source().dataJson() == null ? null : json.readTree(b.source().dataJson()),
        b.source().tests(),
        b.createdBy(),
        b.createdAt());
  }
}
