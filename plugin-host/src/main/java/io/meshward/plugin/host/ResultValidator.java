package io.meshward.plugin.host;

import io.meshward.plugin.api.FactDeclaration;
import io.meshward.plugin.api.FactValue;
import io.meshward.plugin.api.PostureResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a plugin's result against the facts it declared. */
final class ResultValidator {

  private ResultValidator() {}

  /** The problems with {@code result}, empty if it is well-formed. */
  static List<String> problems(PostureResult result, Map<String, FactDeclaration> declared) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, FactValue> fact : result.facts().entrySet()) {
      FactDeclaration declaration = declared.get(fact.getKey());
      if (declaration == null) {
        problems.add("fact '" + fact.getKey() + "' is not declared");
      } else if (declaration.type() != fact.getValue().type()) {
        problems.add(
            "fact '"
                + fact.getKey()
                + "' is declared "
                + declaration.type()
                + " but is "
                + fact.getValue().type());
      }
    }
    return problems;
  }
}
