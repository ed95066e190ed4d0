import { describe, expect, it } from "vitest";
import { MODEL_ID } from "@/lib/contract";
import type { PredictionRepo } from "@/lib/db/prediction-repo";
import type { LineageKind, StoredOutput } from "@/lib/domain";
import type { RetentionRepo } from "@/lib/retention/retention-repo";
import { freshStores } from "./fresh-stores";

type Opened = { predictions: PredictionRepo; retention: RetentionRepo; close: () => Promise<void> };

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse("2026-06-01T00:00:00Z");
/** Runs made before this have expired unless a rule keeps them. */
const BEFORE = new Date(NOW - 30 * DAY).toISOString();

/** What every RetentionRepo must do; `open` gives fresh, empty stores and how to close them. */
export function describeRetentionRepoContract(name: string, open: () => Promise<Opened>) {
  describe(`RetentionRepo contract: ${name}`, () => {
    const fresh = freshStores(open);

    /** A run `daysAgo` old, finished (or not), with a parent and an input picture when given. */
    const run = async (
      repo: PredictionRepo,
      id: string,
      options: { daysAgo: number; status?: "completed" | "failed" | "processing"; parent?: string; inputBytes?: number },
    ) => {
      const createdAt = new Date(NOW - options.daysAgo * DAY).toISOString();
      const parent = options.parent ? { parentId: options.parent, kind: "tweak" as LineageKind, changes: [] } : null;
      const edit = options.inputBytes
        ? {
            kind: "edit" as const,
            matchInput: true,
            images: [
              { sha256: id.padEnd(64, "0"), contentType: "image/png" as const, width: 8, height: 8, bytes: options.inputBytes },
            ],
          }
        : undefined;
      await repo.create({
        id,
        engine: "local",
        model: MODEL_ID,
        status: "created",
        input: {
          model: "pro",
          prompt: id,
          aspect_ratio: "1:1",
          num_images: 1,
          seed: 1,
          guidance_scale: 3.5,
          safety_tolerance: "2",
          edit,
        },
        seedRequested: null,
        upstreamId: null,
        submitState: "submitted",
        error: "",
        inferenceMs: 0,
        createdAt,
        completedAt: null,
        lineage: parent,
        threadId: options.parent ?? id,
      });
      const status = options.status ?? "completed";
      if (status === "completed") await repo.complete(id, [output(id)], { completedAt: createdAt });
      else if (status === "failed") await repo.update(id, { status: "failed", error: "no", completedAt: createdAt });
      else await repo.update(id, { status: "processing" });
    };

    it("finds old finished runs, oldest first, and keeps young, unfinished, starred and noted ones", async () => {
      const { predictions, retention } = await fresh();
      await run(predictions, "old-a", { daysAgo: 50 });
      await run(predictions, "old-b", { daysAgo: 40, status: "failed" });
      await run(predictions, "young", { daysAgo: 3 });
      await run(predictions, "stuck", { daysAgo: 45, status: "processing" });
      await run(predictions, "starred", { daysAgo: 60 });
      await predictions.setStar("starred", 0, true);
      await run(predictions, "noted", { daysAgo: 60 });
      await predictions.setNote("noted", "the good one");

      expect(await retention.expired(BEFORE, 100)).toEqual(["old-a", "old-b"]);
      expect(await retention.expired(BEFORE, 1)).toEqual(["old-a"]);
      expect(await retention.outlook(BEFORE)).toEqual({ expired: 2, kept: 2 });
    });

    it("keeps every ancestor of a kept run, however far up, and only those", async () => {
      const { predictions, retention } = await fresh();
      // root → middle → starred leaf: the whole chain stays.
      await run(predictions, "root", { daysAgo: 90 });
      await run(predictions, "middle", { daysAgo: 80, parent: "root" });
      await run(predictions, "leaf", { daysAgo: 70, parent: "middle" });
      await predictions.setStar("leaf", 0, true);
      // An old parent of a young run stays; an old child of it does not keep anything.
      await run(predictions, "parent-of-young", { daysAgo: 60 });
      await run(predictions, "young-child", { daysAgo: 1, parent: "parent-of-young" });
      await run(predictions, "lonely-root", { daysAgo: 60 });
      await run(predictions, "lonely-child", { daysAgo: 55, parent: "lonely-root" });
      // A parent that is gone already ends the walk.
      await run(predictions, "orphan", { daysAgo: 50, parent: "deleted-long-ago" });

      expect(await retention.expired(BEFORE, 100)).toEqual(["lonely-root", "lonely-child", "orphan"]);
      expect(await retention.outlook(BEFORE)).toEqual({ expired: 3, kept: 4 });
    });

    it("ends its walk on a cycle an import may bring", async () => {
      const { predictions, retention } = await fresh();
      await run(predictions, "a", { daysAgo: 50, parent: "b" });
      await run(predictions, "b", { daysAgo: 50, parent: "a" });
      await run(predictions, "c", { daysAgo: 2, parent: "a" });
      expect(await retention.expired(BEFORE, 100)).toEqual([]);
      expect(await retention.outlook(BEFORE)).toEqual({ expired: 0, kept: 2 });
    });

    it("counts the bytes of the images and input pictures the records name", async () => {
      const { predictions, retention } = await fresh();
      expect(await retention.recordedBytes()).toBe(0);
      await run(predictions, "plain", { daysAgo: 1 });
      await run(predictions, "edited", { daysAgo: 1, inputBytes: 5_000 });
      expect(await retention.recordedBytes()).toBe(2 * 1_000 + 5_000);
    });
  });
}

const output = (id: string): StoredOutput => ({
  index: 0,
  file: `${id}/0.png`,
  contentType: "image/png",
  width: 64,
  height: 64,
  bytes: 1_000,
  nsfw: false,
  sourceUrl: null,
  starred: false,
});
