import { afterEach, describe, expect, it } from "vitest";
import { createTestPredictions, pngOf, submitBody, waitForTerminal } from "@/testing/harness";
import { completed, ScriptedEngine } from "@/testing/scripted-engine";
import type { ParentRef } from "./types";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp() {
  const png = await pngOf(16, 16);
  const engine = new ScriptedEngine((input) => [
    completed(
      Array.from({ length: input.num_images }, () => ({
        kind: "bytes" as const,
        bytes: png,
        contentType: "image/png",
        nsfw: false,
      })),
    ),
  ]);
  const made = createTestPredictions(engine);
  cleanups.push(() => made.service.close());
  const run = async (body: object, parent?: ParentRef) =>
    waitForTerminal(made.service, (await submitBody(made.service, body, { parent })).id);
  return { ...made, run };
}

describe("lineage through the service", () => {
  it("records the parent, the kind and what changed, and keeps a chain of three in one thread", async () => {
    const { service, run } = await setUp();
    const root = await run({ prompt: "a fox", seed: 1848 });
    const varied = await run({ prompt: "a fox", seed: 2022 }, { id: root.id, kind: "vary_seed" });
    const rerun = await run({ prompt: "a fox", seed: 2022, guidance_scale: 5 }, { id: varied.id, kind: "rerun" });

    expect(root).toMatchObject({ lineage: null, threadId: root.id });
    expect(varied).toMatchObject({
      lineage: { parentId: root.id, kind: "vary_seed", changes: [{ field: "seed", from: 1848, to: 2022 }] },
      threadId: root.id,
    });
    expect(rerun.lineage?.changes).toEqual([{ field: "guidance_scale", from: 3.5, to: 5 }]);
    expect(rerun.threadId).toBe(root.id);

    const family = await service.family(varied);
    expect(family.ancestors.map((ancestor) => ancestor.record?.id)).toEqual([root.id]);
    expect(family.children.map((child) => child.id)).toEqual([rerun.id]);
    expect(family.thread.map((item) => item.id).sort()).toEqual([root.id, varied.id, rerun.id].sort());
    expect((await service.family(await run({ prompt: "alone" }))).thread).toEqual([]);
    const history = await service.history({ limit: 10, threadId: root.id });
    expect(history.items.map((item) => item.id)).toEqual([rerun.id, varied.id, root.id]);
    expect(history.threadSizes).toEqual({ [root.id]: 3 });
  });

  it("keeps the children of a deleted parent whole, naming the parent as gone", async () => {
    const { service, run } = await setUp();
    const root = await run({ prompt: "a harbour" });
    const child = await run({ prompt: "a harbour at night" }, { id: root.id, kind: "settings" });
    await service.delete(root.id);

    expect((await service.get(child.id)).lineage).toMatchObject({ parentId: root.id, kind: "settings" });
    expect((await service.family(child)).ancestors).toEqual([{ id: root.id, record: undefined }]);
    // A run made from a parent deleted meanwhile is still accepted, with nothing known of what changed.
    const late = await run({ prompt: "a harbour" }, { id: root.id, kind: "rerun" });
    expect(late).toMatchObject({ lineage: { parentId: root.id, kind: "rerun", changes: [] }, threadId: root.id });
  });
});

describe("stars and notes through the service", () => {
  it("sets a note and a star, announces them, and refuses a note that is too long or an image that is not there", async () => {
    const { service, run, seen } = await setUp();
    const record = await run({ prompt: "a lighthouse", num_images: 2 });
    const events = seen.length;

    const noted = await service.annotate(record.id, { note: "  the one with the beam  ", star: { index: 1, starred: true } });
    expect(noted.note).toBe("the one with the beam");
    expect(noted.outputs.map((output) => output.starred)).toEqual([false, true]);
    expect(seen.slice(events)).toMatchObject([{ type: "updated", record: { id: record.id, note: "the one with the beam" } }]);

    await expect(service.annotate(record.id, { note: "x".repeat(2001) })).rejects.toMatchObject({ status: 400, field: "note" });
    await expect(service.annotate(record.id, { star: { index: 3, starred: true } })).rejects.toMatchObject({ status: 404 });
    await expect(service.annotate("missing", { note: "x" })).rejects.toMatchObject({ status: 404 });

    const found = await service.history({ limit: 10, search: "BEAM", starred: true, hasNote: true });
    expect(found.items.map((item) => item.id)).toEqual([record.id]);
  });
});
