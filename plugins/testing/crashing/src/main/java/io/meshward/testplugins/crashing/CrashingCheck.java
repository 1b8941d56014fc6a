package io.meshward.testplugins.crashing;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.util.List;
import org.pf4j.Extension;

/** Recurses until its thread's stack overflows. */
@Extension
public class CrashingCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of();
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    return PostureResult.pass("unreachable").withFacts(depth(0));
  }

  private static java.util.Map<String, FactValue> depth(int n) {
    return n < 0 ? java.util.Map.of() : depth(n + 1);
  }
}
