package io.meshward.testplugins.hanging;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.util.List;
import org.pf4j.Extension;

/** Never answers in time and ignores interrupts, for 30 seconds. */
@Extension
public class HangingCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of();
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    long until = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < until) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException ignored) {
        // a badly written check: swallows the interrupt and keeps waiting
      }
    }
    return PostureResult.pass("too late");
  }
}
