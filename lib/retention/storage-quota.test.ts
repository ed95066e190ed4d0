import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { perMinuteInMemory } from "@/lib/access/limiter";
import { errorEnvelopeSchema } from "@/lib/contract";
import { errorResponse } from "@/lib/http/respond";
import { createTestPredictions, pngOf, submitBody, tempDir, waitForTerminal } from "@/testing/harness";
import { completed, ScriptedEngine } from "@/testing/scripted-engine";
import { diskUsage } from "./disk-usage";
import { StorageQuota } from "./storage-quota";

const quotaOn = (dir: string, limitBytes?: number) =>
  new StorageQuota({ measure: () => diskUsage(dir), limitBytes, everyMs: 60_000, location: `DATA_DIR (${dir})` });

describe("the storage limit", () => {
  it("measures the space a folder's files take, as du does", async () => {
    const dir = tempDir();
    expect(await diskUsage(path.join(dir, "missing"))).toBe(0);
    fs.mkdirSync(path.join(dir, "images/a"), { recursive: true });
    fs.writeFileSync(path.join(dir, "images/a/0.png"), Buffer.alloc(10_000, 1));
    fs.writeFileSync(path.join(dir, "playground.sqlite"), Buffer.alloc(5_000, 1));
    const used = await diskUsage(dir);
    // Whole blocks: at least the bytes, at most a block more per file.
    expect(used).toBeGreaterThanOrEqual(15_000);
    expect(used).toBeLessThanOrEqual(15_000 + 2 * 8192);
  });

  it("is ok, then warns past 90 %, then refuses new runs past 100 % with a 507 that says what to do", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "data"), Buffer.alloc(80_000, 1));
    const quota = quotaOn(dir, 100_000);
    expect(quota.figures()).toBeUndefined();
    await quota.refresh();
    expect(quota.figures()).toMatchObject({ level: "ok", limitBytes: 100_000 });
    quota.admit();
    quota.added(15_000);
    expect(quota.figures()?.level).toBe("warning");
    quota.admit();
    quota.added(10_000);
    expect(quota.figures()?.level).toBe("full");
    let refusal: unknown;
    try {
      quota.admit();
    } catch (error) {
      refusal = error;
    }
    const response = errorResponse(refusal);
    expect(response.status).toBe(507);
    const body = errorEnvelopeSchema.parse(await response.json());
    expect(body).toMatchObject({ error_code: "storage_full" });
    expect(body.message).toMatch(/MAX_STORAGE_GB.*Delete runs.*RETENTION_DAYS/);
    // A new measurement after deletes lets runs in again.
    fs.rmSync(path.join(dir, "data"));
    await quota.refresh();
    expect(quota.figures()?.level).toBe("ok");
  });

  it("never refuses without a limit", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "data"), Buffer.alloc(80_000, 1));
    const quota = quotaOn(dir);
    await quota.refresh();
    quota.added(10 ** 12);
    expect(quota.figures()?.level).toBe("ok");
    quota.admit();
  });

  it("stops a submit past the limit before anything is stored", async () => {
    const dataDir = tempDir();
    const quota = quotaOn(dataDir, 1);
    const png = await pngOf(16, 16);
    const made = createTestPredictions(
      new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]),
      {
        dataDir,
        limits: { submits: perMinuteInMemory(100), maxQueued: 10, storage: quota },
      },
    );
    const first = await submitBody(made.service, { prompt: "before the limit is measured" });
    await waitForTerminal(made.service, first.id);
    await quota.refresh();
    await expect(submitBody(made.service, { prompt: "past the limit" })).rejects.toMatchObject({
      status: 507,
      code: "storage_full",
    });
    expect((await made.repo.list({ limit: 10 })).items.map((run) => run.id)).toEqual([first.id]);
  });
});
