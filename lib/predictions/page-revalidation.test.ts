import { afterEach, describe, expect, it } from "vitest";
import { createTestPredictions, waitForTerminal } from "@/testing/harness";
import { createLocalEngine } from "../engines/local";
import { predictionTag } from "../pages/share-pages";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function setUp() {
  const told: string[][] = [];
  const predictions = createTestPredictions(createLocalEngine(), { pages: { revalidate: (tags) => void told.push([...tags]) } });
  cleanups.push(() => predictions.service.close());
  return { ...predictions, told };
}

describe("cached share pages are told when what they show changes", () => {
  it("a note and a star revalidate the run's page", async () => {
    const { service, told } = setUp();
    const record = await service.submit({ prompt: "a kite over dunes" });
    await waitForTerminal(service, record.id);
    told.length = 0;
    await service.annotate(record.id, { note: "windy" });
    await service.annotate(record.id, { star: { index: 0, starred: true } });
    expect(told).toEqual([[predictionTag(record.id)], [predictionTag(record.id)]]);
  });

  it("a delete revalidates its page and its parent's, which lists it", async () => {
    const { service, told } = setUp();
    const parent = await service.submit({ prompt: "a mill by a stream" });
    await waitForTerminal(service, parent.id);
    const made = await service.submit({ prompt: "a mill by a stream, at dusk" }, { parent: { id: parent.id, kind: "tweak" } });
    await waitForTerminal(service, made.id);
    // The parent's page lists the new run.
    expect(told).toContainEqual([predictionTag(parent.id)]);
    told.length = 0;
    await service.delete(made.id);
    expect(told).toEqual([[predictionTag(made.id), predictionTag(parent.id)]]);
  });
});
