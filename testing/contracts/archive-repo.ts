import { describe, expect, it } from "vitest";
import type { ArchiveRepo, ImportFiles } from "@/lib/db/archive-repo";
import type { PredictionRepo } from "@/lib/db/prediction-repo";
import type { SweepRepo } from "@/lib/db/sweep-repo";
import { DEFAULT_PREDICTION_OPTIONS, type PredictionRecord } from "@/lib/domain";
import { deferred } from "../deferred";
import { freshStores } from "./fresh-stores";
import { sampleSweep } from "./sweep-repo";

type Stores = { archive: ArchiveRepo; predictions: PredictionRepo; sweeps: SweepRepo; close: () => Promise<void> };

const run = (id: string, overrides: Partial<PredictionRecord> = {}): PredictionRecord => ({
  id,
  engine: "wavespeed",
  model: "m",
  status: "completed",
  input: {
    model: "pro",
    prompt: `run ${id}`,
    aspect_ratio: "1:1",
    num_images: 2,
    seed: 7,
    guidance_scale: 3.5,
    safety_tolerance: "2",
  },
  seedRequested: 7,
  upstreamId: null,
  submitState: "submitted",
  options: DEFAULT_PREDICTION_OPTIONS,
  error: "",
  inferenceMs: 900,
  createdAt: `2026-01-01T00:00:0${id.length}.000Z`,
  updatedAt: "2026-01-02T00:00:00.000Z",
  completedAt: "2026-01-01T00:00:09.000Z",
  outputs: [0, 1].map((index) => ({
    index,
    file: `${id}/${index}.png`,
    contentType: "image/png",
    width: 8,
    height: 8,
    bytes: 70,
    nsfw: index === 1,
    sourceUrl: null,
    starred: index === 0,
  })),
  lineage: null,
  threadId: id,
  note: "",
  sweep: null,
  source: null,
  ...overrides,
});

/** Files that need no writing, for tests about rows only. */
const noFiles: ImportFiles = { write: async () => {}, remove: async () => {} };

/** Files whose writes and removals are recorded; `write` may do more (wait, look, fail). */
function recordingFiles(onWrite: (ids: string[]) => Promise<void> = async () => {}) {
  const files = {
    written: [] as string[],
    removed: [] as string[],
    write: async (ids: string[]) => {
      files.written.push(...ids);
      await onWrite(ids);
    },
    remove: async (ids: string[]) => void files.removed.push(...ids),
  };
  return files;
}

/** What every ArchiveRepo must do, with the prediction and sweep repos over the same storage. */
export function describeArchiveRepoContract(name: string, open: () => Promise<Stores>) {
  describe(`ArchiveRepo contract: ${name}`, () => {
    const fresh = freshStores(open);

    it("stores runs whole, with outputs, stars, notes, lineage and sweeps, counted in the totals", async () => {
      const { archive, predictions, sweeps } = await fresh();
      const sweep = sampleSweep("sw");
      const parent = run("a", { note: "the keeper" });
      const child = run("bb", {
        lineage: { parentId: "a", kind: "vary_seed", changes: [{ field: "seed", from: 7, to: 9 }] },
        threadId: "a",
        sweep: { id: "sw", x: 1, y: 0 },
      });
      expect(await archive.importRows({ sweeps: [sweep], predictions: [parent, child] }, noFiles)).toEqual({
        sweeps: ["sw"],
        predictions: ["a", "bb"],
      });
      expect(await predictions.get("a")).toEqual(parent);
      expect(await predictions.get("bb")).toEqual(child);
      expect(await sweeps.get("sw")).toEqual(sweep);
      expect((await predictions.imageTotals()).images).toEqual({ local: 0, wavespeed: 4 });
    });

    it("skips what is already present, leaving it as it was", async () => {
      const { archive, predictions } = await fresh();
      await archive.importRows({ sweeps: [sampleSweep("sw")], predictions: [run("a", { note: "mine" })] }, noFiles);
      const again = await archive.importRows(
        { sweeps: [sampleSweep("sw")], predictions: [run("a", { note: "theirs" }), run("cc")] },
        noFiles,
      );
      expect(again).toEqual({ sweeps: [], predictions: ["cc"] });
      expect((await predictions.get("a"))?.note).toBe("mine");
      expect((await predictions.imageTotals()).images).toEqual({ local: 0, wavespeed: 4 });
    });

    it("stores nothing when any row fails, and has what was written removed", async () => {
      const { archive, predictions, sweeps } = await fresh();
      const broken = run("dd", { outputs: [run("dd").outputs[0], run("dd").outputs[0]] });
      const files = recordingFiles();
      await expect(archive.importRows({ sweeps: [sampleSweep("sw")], predictions: [run("a"), broken] }, files)).rejects.toThrow();
      expect(await predictions.get("a")).toBeUndefined();
      expect(await sweeps.get("sw")).toBeUndefined();
      expect((await predictions.imageTotals()).images).toEqual({ local: 0, wavespeed: 0 });
      expect(files.removed).toEqual(files.written);
    });

    it("has the files of the runs it adds written before they are visible, and stores nothing if writing fails", async () => {
      const { archive, predictions } = await fresh();
      await archive.importRows({ sweeps: [], predictions: [run("a")] }, noFiles);
      const seenWhileWriting: Array<unknown> = [];
      const files = recordingFiles(async (ids) => {
        for (const id of ids) seenWhileWriting.push(await predictions.get(id));
      });
      expect(await archive.importRows({ sweeps: [], predictions: [run("a"), run("bb")] }, files)).toEqual({
        sweeps: [],
        predictions: ["bb"],
      });
      expect(files.written).toEqual(["bb"]);
      expect(seenWhileWriting).toEqual([undefined]);

      const failing = recordingFiles(async () => {
        throw new Error("the disk is full");
      });
      await expect(archive.importRows({ sweeps: [], predictions: [run("cc")] }, failing)).rejects.toThrow("the disk is full");
      expect(await predictions.get("cc")).toBeUndefined();
    });

    it("imports one run id atomically: of two imports at once, one adds it and the other finds it present", async () => {
      const { archive, predictions } = await fresh();
      const { promise: held, resolve: release } = deferred();
      const { promise: firstWriting, resolve: writing } = deferred();
      const events: string[] = [];
      const first = recordingFiles(async (ids) => {
        events.push(`first writes ${ids.join(",")}`);
        writing();
        await held;
        events.push("first wrote");
      });
      const second = recordingFiles(async (ids) => void events.push(`second writes ${ids.join(",")}`));
      const one = archive.importRows({ sweeps: [], predictions: [run("xx", { note: "first" }), run("aa")] }, first);
      await firstWriting;
      const two = archive.importRows({ sweeps: [], predictions: [run("zz"), run("xx", { note: "second" })] }, second);
      release();
      expect(await one).toEqual({ sweeps: [], predictions: ["aa", "xx"] });
      expect(await two).toEqual({ sweeps: [], predictions: ["zz"] });
      expect(events).toEqual(["first writes aa,xx", "first wrote", "second writes zz"]);
      expect((await predictions.get("xx"))?.note).toBe("first");
      expect(first.removed).toEqual([]);
      expect(second.removed).toEqual([]);
    });
  });
}
