import { expect } from "vitest";
import { type createTestPredictions, submitBody, waitForTerminal } from "./harness";

type Made = ReturnType<typeof createTestPredictions>;

/**
 * Puts objects with an owner and objects without into every store of a service (originals,
 * thumbnails, input pictures, grids, cards), runs one round of maintenance, and checks that exactly
 * the ones without an owner went. The service's engine must complete a run with its outputs.
 */
export async function expectMaintenanceRemovesOrphans({ service, sweeps, stores }: Made) {
  const run = await submitBody(service, { prompt: "a kept harbour" });
  expect((await waitForTerminal(service, run.id, 30_000)).status).toBe("completed");
  await service.files.readThumbnail(run.id, 0);
  const { sweep } = await sweeps.create({
    base: { prompt: "a kept sweep" },
    x: { field: "seed", random: 1 },
    confirmedCostUsd: 0.04,
  });
  const kept = "a".repeat(64);
  await stores.inputs.rememberImage(
    { sha256: kept, contentType: "image/png", width: 1, height: 1, bytes: 1 },
    new Date().toISOString(),
  );

  const png = Buffer.from("not really a png");
  const put = (store: typeof stores.blobs, key: string) => store.put(key, png, "image/png");
  await put(stores.blobs, "ghost-run/0.png");
  await put(stores.thumbnailBlobs, "ghost-run/0.webp");
  await put(stores.inputBlobs, `${kept}/${kept}.png`);
  await put(stores.inputBlobs, `${"f".repeat(64)}/${"f".repeat(64)}.png`);
  await put(stores.gridBlobs, `${sweep.id}/grid.png`);
  await put(stores.gridBlobs, "ghost-sweep/grid.png");
  await put(stores.cardBlobs, `${run.id}/card.png`);
  await put(stores.cardBlobs, `${sweep.id}/card.png`);
  await put(stores.cardBlobs, "ghost-card/card.png");

  await service.maintain();
  const sorted = async (store: typeof stores.blobs) => (await store.listPrefixes()).sort();
  expect(await sorted(stores.blobs)).toEqual(expect.arrayContaining([run.id]));
  expect(await sorted(stores.blobs)).not.toContain("ghost-run");
  expect(await sorted(stores.thumbnailBlobs)).toEqual([run.id]);
  expect(await sorted(stores.inputBlobs)).toEqual([kept]);
  expect(await sorted(stores.gridBlobs)).toEqual([sweep.id]);
  expect(await sorted(stores.cardBlobs)).toEqual([run.id, sweep.id].sort());
}
