import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "@/testing/harness";
import { loadWebhookSecret, WEBHOOK_SECRET_FILE } from "./secret";

describe("loadWebhookSecret", () => {
  it("makes a secret once, readable by its owner only, and gives the same one on every later start", () => {
    const dataDir = path.join(tempDir(), "nested", "data");
    const first = loadWebhookSecret(dataDir);
    expect(first).toMatch(/^whsec_[0-9a-f]{64}$/);
    const file = path.join(dataDir, WEBHOOK_SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadWebhookSecret(dataDir)).toBe(first);
    expect(loadWebhookSecret(tempDir())).not.toBe(first);
  });

  it("prefers WEBHOOK_SECRET and then writes nothing", () => {
    const dataDir = tempDir();
    expect(loadWebhookSecret(dataDir, "whsec_configured-secret")).toBe("whsec_configured-secret");
    expect(fs.existsSync(path.join(dataDir, WEBHOOK_SECRET_FILE))).toBe(false);
  });
});
