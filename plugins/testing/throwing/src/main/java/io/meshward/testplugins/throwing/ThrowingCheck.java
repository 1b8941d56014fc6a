package io.meshward.testplugins.throwing;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.util.List;
import org.pf4j.Extension;

/** Throws from every evaluation, like a check whose vendor service fails. */
@Extension
public class ThrowingCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of();
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    throw new IllegalStateException("vendor service answered 500");
  }
}
