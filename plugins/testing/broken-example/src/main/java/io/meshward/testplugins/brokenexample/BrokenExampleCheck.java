package io.meshward.testplugins.brokenexample;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactType;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.time.Instant;
import java.util.List;
import org.pf4j.Extension;

/**
 * Everything the test kit exists to catch: it throws on missing facts, returns a fact of the wrong
 * type on Windows, ignores its deadline on macOS, and answers differently each time elsewhere.
 */
@Extension
public class BrokenExampleCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(
        new FactDeclaration("score", FactType.NUMBER, "a score"),
        new FactDeclaration("checked-at", FactType.STRING, "when"));
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) throws Exception {
    String platform = device.text("os.platform").orElse(null);
    if (platform.equals("macos")) {
      Thread.sleep(context.remaining().toMillis() + 1_000);
    }
    PostureResult result = PostureResult.pass("fine");
    if (platform.equals("windows")) {
      return result.withFact("score", FactValue.of("100"));
    }
    return result
        .withFact("score", FactValue.of(100))
        .withFact("checked-at", FactValue.of(Instant.now().toString()));
  }
}
