package io.meshward.agent.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --backend config-file|wireguard-go}. */
final class BackendConverter implements ITypeConverter<UpCommand.Backend> {

  @Override
  public UpCommand.Backend convert(String value) {
    for (UpCommand.Backend backend : UpCommand.Backend.values()) {
      if (backend.toString().equals(value.strip())) {
        return backend;
      }
    }
    throw new TypeConversionException(
        "'" + value + "' is not a backend; use config-file or wireguard-go");
  }
}
