import { ConfigurationError } from "./configuration-error";
import { parseServerConfig, type ServerConfig } from "./server-config";

type StartupDependencies = {
  env?: Record<string, string | undefined>;
  exit?: (code: number) => never;
  log?: (message: string) => void;
};

/**
 * Checks the configuration when the server starts and stops the process on misconfiguration,
 * so a wrong variable surfaces at once rather than at the first sign-in.
 */
export function validateConfigurationAtStart({
  env = process.env,
  exit = (code) => process.exit(code),
  log = (message) => console.error(message),
}: StartupDependencies = {}): ServerConfig {
  try {
    return parseServerConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    log(
      `${error.message}\nThe portal cannot start. See docs/app-registration.md and the README's configuration table.`,
    );
    return exit(1);
  }
}
