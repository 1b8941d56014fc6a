package io.meshward.testplugins.futureapi;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.util.List;
import org.pf4j.Extension;

/** A harmless check whose artifact claims plugin API 2.0. */
@Extension
public class FutureApiCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of();
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    return PostureResult.pass("from the future");
  }
}
