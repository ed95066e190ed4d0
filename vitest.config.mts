import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React Server Components; in unit tests
      // every module is server code, so it resolves to nothing.
      "server-only": fileURLToPath(new URL("./testing/server-only-noop.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "testing/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    // Retry warnings are expected in tests that provoke failures.
    env: { LOG_LEVEL: "error" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
