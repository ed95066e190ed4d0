import { afterEach, describe, expect, it } from "vitest";
import type { BlobStore } from "@/lib/storage/blob-store";
import { type ClusterInstance, clusterBlobs, freshCluster, openClusterInstance } from "@/testing/cluster";
import { deferred } from "@/testing/deferred";
import { pngOf, serveOnLoopback, submitBody } from "@/testing/harness";
import { completed, ScriptedEngine } from "@/testing/scripted-engine";
import { expectMaintenanceRemovesOrphans } from "@/testing/strays";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function instanceOf(
  cluster: ReturnType<typeof freshCluster>,
  owner: string,
  engine: ScriptedEngine,
  wrapBlobs?: (blobs: BlobStore) => BlobStore,
): Promise<ClusterInstance> {
  const instance = await openClusterInstance(cluster, owner, engine, { wrapBlobs });
  cleanups.push(() => instance.close());
  return instance;
}

describe("cluster hygiene on PostgreSQL and S3", () => {
  it("a delete on B stops A's mirror in flight: A fetches no further output and removes what it wrote at once", async () => {
    const png = await pngOf(16, 16);
    const { promise: held, resolve: release } = deferred();
    const asked: string[] = [];
    const images = await serveOnLoopback(async (req, res) => {
      asked.push(req.url ?? "");
      if (req.url === "/1.png") await held;
      res.writeHead(200, { "content-type": "image/png" }).end(png);
    });
    cleanups.push(images.close);
    const outputs = [0, 1, 2].map((index) => ({ kind: "url" as const, url: `${images.url}/${index}.png`, nsfw: false }));
    const engine = new ScriptedEngine(() => [completed(outputs)]);
    const cluster = freshCluster();
    // What A itself writes and removes.
    const byA: string[] = [];
    const a = await instanceOf(cluster, "a", engine, (blobs) => ({
      ...blobs,
      put: async (key, bytes, contentType) => {
        await blobs.put(key, bytes, contentType);
        byA.push(`put ${key}`);
      },
      deletePrefix: async (prefix) => {
        await blobs.deletePrefix(prefix);
        byA.push(`delete ${prefix}`);
      },
      get: (key) => blobs.get(key),
      head: (key) => blobs.head(key),
      listPrefixes: () => blobs.listPrefixes(),
      removeIncomplete: () => blobs.removeIncomplete(),
    }));
    const b = await instanceOf(cluster, "b", engine);
    // B serves requests but takes no work, so the run is A's to send and mirror.
    b.tracker.stop();
    await a.tracker.resume();
    const originals = clusterBlobs(cluster, "images");

    const run = await submitBody(b.service, { prompt: "three pictures", num_images: 3 });
    // An idle A looks at the line in its maintenance round; the test runs that round now instead of waiting for it.
    await a.tracker.reconcile();
    await expect.poll(() => asked.includes("/1.png") && byA.includes(`put ${run.id}/0.png`), { timeout: 20_000 }).toBe(true);
    expect(await a.tracker.figures()).toMatchObject({ finishing: 1 });
    await b.service.delete(run.id);
    // A hears of the delete through the database while its download is still held: the run is over there.
    await expect.poll(async () => (await a.tracker.figures()).finishing, { timeout: 20_000 }).toBe(0);
    release();
    // The output that was on its way is written, then everything A wrote goes, and nothing more is fetched.
    await expect.poll(() => byA.slice(-2), { timeout: 20_000 }).toEqual([`put ${run.id}/1.png`, `delete ${run.id}`]);
    expect(await originals.listPrefixes()).not.toContain(run.id);
    expect(asked).not.toContain("/2.png");
    expect(await a.service.find(run.id)).toBeUndefined();
  });

  it("maintenance removes the objects whose run, sweep or picture is gone from every store, and keeps the rest", async () => {
    const png = await pngOf(8, 8);
    const engine = new ScriptedEngine(() => [completed([{ kind: "bytes", bytes: png, contentType: "image/png", nsfw: false }])]);
    const a = await instanceOf(freshCluster(), "a", engine);
    await a.tracker.resume();
    await expectMaintenanceRemovesOrphans(a);
  });
});
