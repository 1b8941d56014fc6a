package io.meshward.plugin.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A posture check: the one extension point a Meshward posture plugin implements (annotate the
 * implementation with {@code @org.pf4j.Extension}). A plugin provides exactly one.
 *
 * <p>The host calls {@link #evaluate} from many threads at once, so implementations must be
 * thread-safe. The same device and configuration must give the same result.
 */
public interface PostureCheck extends ExtensionPoint {

  /** The facts this check may put in its results, with their types. */
  List<FactDeclaration> declaredFacts();

  /**
   * Judges one device. Throwing is allowed but discouraged: the host turns any exception into
   * UNKNOWN; return {@link PostureResult#unknown} with a clear reason instead.
   */
  PostureResult evaluate(Device device, CheckContext context) throws Exception;
}
