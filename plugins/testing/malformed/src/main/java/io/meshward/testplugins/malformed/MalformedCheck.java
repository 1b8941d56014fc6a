package io.meshward.testplugins.malformed;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactType;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.util.List;
import org.pf4j.Extension;

/** Declares a number but returns text, and a fact it never declared. */
@Extension
public class MalformedCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(new FactDeclaration("score", FactType.NUMBER, "a risk score"));
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) {
    return PostureResult.pass("looks fine")
        .withFact("score", FactValue.of("high"))
        .withFact("secret-extra", FactValue.of(true));
  }
}
