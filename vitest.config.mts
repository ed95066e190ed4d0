import os from "node:os";
import path from "node:path";
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
    environment: "node",
    // Retry warnings are expected in tests that provoke failures. Every temporary folder a test makes
    // lands in one folder of this run, removed at its end (testing/temp-root-setup.ts).
    env: { LOG_LEVEL: "error", TMPDIR: path.join(os.tmpdir(), `kontext-test-run-${process.pid}`) },
    globalSetup: ["testing/temp-root-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "testing/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.scale.test.ts", "**/node_modules/**"],
        },
      },
      {
        // Against real PostgreSQL and S3-compatible servers, started once for the run.
        extends: true,
        test: {
          name: "scale",
          include: ["lib/**/*.scale.test.ts", "testing/**/*.scale.test.ts"],
          globalSetup: ["testing/scale-services-setup.ts"],
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
