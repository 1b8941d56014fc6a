package io.meshward.coordinator.accounts;

import io.meshward.coordinator.config.MeshwardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start with an empty database, creates the first account and hands its admin token to
 * the operator through an owner-only file. The token never goes to the log.
 */
@Component
@Order(0)
class AdminTokenBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);
  static final String FILE_NAME = "admin-token";

  private final AccountService accounts;
  private final AccountProperties accountProperties;
  private final MeshwardProperties properties;

  AdminTokenBootstrap(
      AccountService accounts, AccountProperties accountProperties, MeshwardProperties properties) {
    this.accounts = accounts;
    this.accountProperties = accountProperties;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (accounts.anyAccountExists()) {
      return;
    }
    Path file = properties.dataDir().resolve(FILE_NAME).toAbsolutePath().normalize();
    NewAccount account =
        accounts.createAccount(accountProperties.bootstrapAccountName(), "system:bootstrap");
    writeOwnerOnly(file, account.adminToken() + "\n");
    log.info(
        "Created the first account {}; its one-time admin token is in {} (readable by the owner"
            + " only). Read it, store it safely, then delete the file.",
        account.accountId(),
        file);
  }

  private static void writeOwnerOnly(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      var ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        throw new IllegalStateException("Someone else created " + file + " concurrently", raced);
      }
      Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the admin token file " + file, e);
    }
  }
}
