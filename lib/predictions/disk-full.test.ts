import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPredictions, submitBody, waitForTerminal } from "@/testing/harness";
import { type SmallDisk, smallDisk } from "@/testing/small-disk";
import { createLocalEngine, renderImage } from "../engines/local";
import { isAppError } from "../errors";

/**
 * DATA_DIR on a 3 MiB disk that fills up: a real tmpfs as root, an injected quota otherwise (the
 * console says which). Nothing may stay unfinished, nothing half-written may stay behind, the owner
 * can always delete, and once there is room again new work succeeds without a restart.
 */
const DISK_BYTES = 3 * 1024 * 1024;
const FULL_MESSAGE = /disk under DATA_DIR \(.+\) is full/;

let disk: SmallDisk;
let predictions: ReturnType<typeof createTestPredictions>;
/** Held closed to keep renders waiting, where a test needs the disk filled while a prediction runs. */
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  disk = await smallDisk(DISK_BYTES);
  const engine = createLocalEngine({
    render: async (input, index) => {
      await gate;
      return renderImage(input, index);
    },
  });
  predictions = createTestPredictions(engine, { dataDir: disk.dir, config: { maxConcurrency: 2, deadlineMs: 60_000 } });
  await predictions.service.start({ maintenanceMs: 50 });
});

afterAll(async () => {
  await predictions?.service.close();
  await disk?.close();
});

const submit = (prompt: string, num_images = 4) => submitBody(predictions.service, { prompt, num_images, aspect_ratio: "1:1" });
const done = async (prompt: string) => waitForTerminal(predictions.service, (await submit(prompt)).id, 30_000);

function leftovers(): string[] {
  const found: string[] = [];
  for (const folder of ["images", "thumbs"]) {
    const root = path.join(disk.dir, folder);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith(".tmp")) found.push(path.join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return found;
}

async function expectNothingUnfinished() {
  await expect.poll(async () => (await predictions.repo.listUnfinished()).length, { timeout: 30_000 }).toBe(0);
}

describe("a full disk under DATA_DIR", () => {
  it("fails a prediction whose images do not fit with the disk's message, leaving none of its files", async () => {
    const removeFiller = await disk.fill(200 * 1024);
    try {
      const failed = await done("a lighthouse on a cliff at dawn, oil painting");
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(FULL_MESSAGE);
      expect(fs.existsSync(path.join(disk.dir, "images", failed.id))).toBe(false);
      expect(leftovers()).toEqual([]);
      await expectNothingUnfinished();
    } finally {
      await removeFiller();
    }
  });

  it("answers a submit it cannot store with 507 naming the disk, and takes work again once there is room", async () => {
    const fillers: Array<() => Promise<void>> = [];
    let refusal: unknown;
    try {
      // A first write may still fit once SQLite's log is reset; the disk is filled again until one is refused.
      for (let attempt = 0; attempt < 4 && !refusal; attempt++) {
        fillers.push(await disk.fill(0));
        refusal = await submit("harbour at night", 1).then(
          () => undefined,
          (error: unknown) => error,
        );
      }
      expect(isAppError(refusal)).toBe(true);
      expect(refusal).toMatchObject({ code: "storage_full", status: 507 });
      expect((refusal as Error).message).toMatch(FULL_MESSAGE);
      await expectNothingUnfinished();
    } finally {
      for (const remove of fillers) await remove();
    }
    expect((await done("harbour at night, after the storm")).status).toBe("completed");
  });

  it("deletes on a full disk, frees the space at once, and new work succeeds without a restart", async () => {
    const kept = await done("mountain lake at noon");
    const deleted = await done("snowy forest at dusk");
    expect([kept.status, deleted.status]).toEqual(["completed", "completed"]);
    const removeFiller = await disk.fill(0);
    try {
      const before = await disk.freeBytes();
      await predictions.service.delete(deleted.id);
      const imageBytes = deleted.outputs.reduce((sum, output) => sum + output.bytes, 0);
      // The images are gone at once; the delete itself adds a few pages to the database log.
      expect(await disk.freeBytes()).toBeGreaterThanOrEqual(before + imageBytes * 0.75);
      expect(await predictions.service.find(deleted.id)).toBeUndefined();
      expect(fs.existsSync(path.join(disk.dir, "images", deleted.id))).toBe(false);

      // The filler stays: the room the delete made is enough for one more image.
      const after = await waitForTerminal(predictions.service, (await submit("desert dunes under stars", 1)).id, 30_000);
      expect(after.status).toBe("completed");
    } finally {
      await removeFiller();
    }
    expect((await predictions.service.get(kept.id)).status).toBe("completed");
  });

  it("finishes a prediction whose disk filled while it rendered: failed with the disk's message, never left processing", async () => {
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    const running = await submit("a red balloon over hills", 2);
    const removeFiller = await disk.fill(0);
    try {
      open();
      const ended = await waitForTerminal(predictions.service, running.id, 30_000);
      expect(ended.status).toBe("failed");
      expect(ended.error).toMatch(FULL_MESSAGE);
      expect(leftovers()).toEqual([]);
      await expectNothingUnfinished();
    } finally {
      gate = Promise.resolve();
      await removeFiller();
    }
    expect((await done("a red balloon over hills, again")).status).toBe("completed");
  });
});
