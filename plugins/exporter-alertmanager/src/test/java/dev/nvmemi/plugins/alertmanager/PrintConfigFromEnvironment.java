package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;

/** Child process of {@link AlertmanagerConfigTest}: loads the configuration the way autoconfigure does. */
public final class PrintConfigFromEnvironment {
  private PrintConfigFromEnvironment() {}

  public static void main(String[] args) {
    AlertmanagerConfig config = AlertmanagerConfig.load(DefaultConfigProperties.create(Map.of(),
        ComponentLoader.forClassLoader(PrintConfigFromEnvironment.class.getClassLoader())));
    System.out.println(config.alertsUris());
  }
}
