import { afterEach, describe, expect, it } from "vitest";
import { createTestPredictions, submitBody, tempDir, waitForTerminal } from "@/testing/harness";
import { testRecord } from "@/testing/records";
import { createLocalEngine } from "../engines/local";
import { InProcessEventBus } from "../events/in-process-event-bus";
import { forgettingChangedPages, runsShowing } from "./page-revalidation";
import { SqlitePageStore } from "./sqlite-page-store";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("cached share pages are forgotten when what they show changes", () => {
  it("a note, a star, a new run made from another and a delete each name the pages that show them", async () => {
    const predictions = createTestPredictions(createLocalEngine());
    cleanups.push(() => predictions.service.close());
    const { service, seen } = predictions;
    const parent = await submitBody(service, { prompt: "a mill by a stream" });
    await waitForTerminal(service, parent.id);
    seen.length = 0;
    await service.annotate(parent.id, { note: "windy" });
    await service.annotate(parent.id, { star: { index: 0, starred: true } });
    expect(seen.map(runsShowing)).toEqual([[parent.id], [parent.id]]);

    const made = await submitBody(
      service,
      { prompt: "a mill by a stream, at dusk" },
      { parent: { id: parent.id, kind: "tweak" } },
    );
    await waitForTerminal(service, made.id);
    // Every change of the new run names its parent's page too, which lists it.
    expect(seen.slice(2).map(runsShowing)).toContainEqual([made.id, parent.id]);
    seen.length = 0;
    await service.delete(made.id);
    expect(seen.map(runsShowing)).toEqual([[made.id, parent.id]]);
  });

  it("are forgotten before the change is announced, so whoever hears of it sees the page gone", async () => {
    const pages = SqlitePageStore.open(tempDir());
    const bus = forgettingChangedPages(new InProcessEventBus(), pages);
    cleanups.push(
      () => bus.close(),
      () => pages.close(),
    );
    const page = { body: "<html></html>", storedAt: Date.now() };
    await pages.put("/p/child", "child", page);
    await pages.put("/p/parent", "parent", page);
    await pages.put("/p/other", "other", page);
    const found: Array<[boolean, boolean]> = [];
    bus.subscribe(
      () => void Promise.all([pages.get("/p/child"), pages.get("/p/parent")]).then(([a, b]) => found.push([!!a, !!b])),
    );
    await bus.publish({ type: "deleted", id: "child", parentId: "parent" });
    await expect.poll(() => found).toEqual([[false, false]]);
    expect(await pages.get("/p/other")).toBeDefined();
  });

  it("a change of a run in a chain forgets every page of its thread, which each draw the chain's tree", async () => {
    const pages = SqlitePageStore.open(tempDir());
    const threads: Record<string, string[]> = { root: ["root", "step", "fork"] };
    const bus = forgettingChangedPages(new InProcessEventBus(), pages, async (threadId) => threads[threadId] ?? []);
    cleanups.push(
      () => bus.close(),
      () => pages.close(),
    );
    const page = { body: "<html></html>", storedAt: Date.now() };
    for (const id of ["root", "step", "fork", "elsewhere"]) await pages.put(`/p/${id}`, id, page);
    const fork = testRecord("fork", { threadId: "root", lineage: { parentId: "root", kind: "edit", changes: [] } });
    await bus.publish({ type: "updated", record: fork });
    for (const id of ["root", "step", "fork"]) expect(await pages.get(`/p/${id}`)).toBeUndefined();
    expect(await pages.get("/p/elsewhere")).toBeDefined();
  });
});
