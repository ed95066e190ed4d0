import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./testing/chromium";
import { E2E_PORTS, FAKE_API_KEY } from "./testing/ports";

// Each run starts from empty data; workers inherit the folder through the env.
process.env.E2E_DATA_ROOT ??= fs.mkdtempSync(path.join(os.tmpdir(), "kontext-e2e-"));
const dataRoot = process.env.E2E_DATA_ROOT;

const serverEnv = (extra: Record<string, string>) => ({
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  ...extra,
});

const nextStart = (port: number) => `npx next start -H 127.0.0.1 -p ${port}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    {
      name: "local",
      testIgnore: ["wavespeed/**"],
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${E2E_PORTS.local}` },
    },
    {
      name: "wavespeed",
      testMatch: "wavespeed/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${E2E_PORTS.wavespeed}` },
    },
  ],
  webServer: [
    {
      command: nextStart(E2E_PORTS.local),
      url: `http://127.0.0.1:${E2E_PORTS.local}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      // Webhook receivers in the specs listen on 127.0.0.1, which only this flag lets through.
      env: serverEnv({ KONTEXT_ENGINE: "local", DATA_DIR: path.join(dataRoot, "local"), WEBHOOK_ALLOW_PRIVATE: "1" }),
    },
    {
      command: `npx tsx testing/fake-wavespeed/cli.ts --port ${E2E_PORTS.fakeUpstream} --api-key ${FAKE_API_KEY}`,
      url: `http://127.0.0.1:${E2E_PORTS.fakeUpstream}/__requests`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: nextStart(E2E_PORTS.wavespeed),
      url: `http://127.0.0.1:${E2E_PORTS.wavespeed}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: serverEnv({
        KONTEXT_ENGINE: "wavespeed",
        WAVESPEED_API_KEY: FAKE_API_KEY,
        WAVESPEED_BASE_URL: `http://127.0.0.1:${E2E_PORTS.fakeUpstream}`,
        WAVESPEED_MAX_CONCURRENCY: "3",
        // The fake upstream delivers signed webhooks here; polling stays on as the safety net.
        PUBLIC_URL: `http://127.0.0.1:${E2E_PORTS.wavespeed}`,
        WAVESPEED_WEBHOOKS: "on",
        DATA_DIR: path.join(dataRoot, "wavespeed"),
      }),
    },
  ],
});
