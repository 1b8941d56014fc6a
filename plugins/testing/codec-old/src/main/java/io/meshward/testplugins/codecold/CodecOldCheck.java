package io.meshward.testplugins.codecold;

import io.meshward.plugin.api.CheckContext;
import io.meshward.plugin.api.Device;
import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactType;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureCheck;
import io.meshward.plugin.api.PostureResult;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.pf4j.Extension;

/** Reports which commons-codec jar it sees, and uses it. */
@Extension
public class CodecOldCheck implements PostureCheck {

  @Override
  public List<FactDeclaration> declaredFacts() {
    return List.of(
        new FactDeclaration("library", FactType.STRING, "the commons-codec jar this plugin loaded"),
        new FactDeclaration("digest", FactType.STRING, "SHA-256 of the device id"));
  }

  @Override
  public PostureResult evaluate(Device device, CheckContext context) throws Exception {
    String jar =
        Path.of(DigestUtils.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .getFileName()
            .toString();
    return PostureResult.pass("codec from " + jar)
        .withFact("library", FactValue.of(jar))
        .withFact("digest", FactValue.of(DigestUtils.sha256Hex(device.id())));
  }
}
