import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Tests run server modules directly, as the server does: the marker's server build is empty.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "emulator/test/**/*.test.ts"],
    environment: "node",
    // Generous: an embedded database starts in seconds on a quiet machine and in tens of seconds on a
    // busy 2-core one. Tests wait for conditions; these limits only stop a test that truly hangs.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
