import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema } from "@/lib/contract";
import { historyPageSchema, type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { type SmallDisk, smallDisk } from "@/testing/small-disk";

/**
 * DATA_DIR on a 3 MiB disk (a real tmpfs as root, an injected quota otherwise; the output says
 * which), filled up through the API the way an owner would, then freed.
 */
const DISK_BYTES = 3 * 1024 * 1024;
const FULL = /disk under DATA_DIR \(.+\) is full/;

// Both tests serve on the same port.
test.describe.configure({ mode: "serial" });

let disk: SmallDisk | undefined;
let server: ServerProcess | undefined;
test.afterEach(async () => {
  await server?.stop("SIGKILL");
  await disk?.close();
});

async function start() {
  server = await startPlayground({
    port: E2E_PORTS.diskFull,
    env: { KONTEXT_ENGINE: "local", DATA_DIR: disk!.dir, ...disk!.serverEnv },
  });
  return server.url;
}

const post = (url: string, body: object) =>
  fetch(`${url}/api/predictions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function finished(url: string, id: string): Promise<PredictionView> {
  let view: PredictionView | undefined;
  await expect
    .poll(
      async () => {
        view = predictionViewSchema.parse(await (await fetch(`${url}/api/predictions/${id}`)).json());
        return view.status;
      },
      { timeout: 60_000 },
    )
    .toMatch(/^(completed|failed)$/);
  return view!;
}

async function run(url: string, prompt: string, num_images = 4) {
  const response = await post(url, { prompt, num_images });
  expect(response.status).toBe(201);
  return finished(url, predictionViewSchema.parse(await response.json()).id);
}

/** Files a write never finished, and image or thumbnail folders of no prediction. */
async function strays(url: string): Promise<string[]> {
  const known = new Set(
    historyPageSchema.parse(await (await fetch(`${url}/api/predictions?limit=100`)).json()).items.map((i) => i.id),
  );
  const found: string[] = [];
  for (const folder of ["images", "thumbs"]) {
    const root = path.join(disk!.dir, folder);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
      const where = path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name));
      if (entry.isFile() && entry.name.endsWith(".tmp")) found.push(`${folder}/${where}`);
      if (entry.isDirectory() && !where.includes(path.sep) && !known.has(where)) found.push(`${folder}/${where}/`);
    }
  }
  return found;
}

test("a full disk: failures say so, submits get 507, deletes work and free space, and the server recovers by itself", async () => {
  test.setTimeout(240_000);
  disk = await smallDisk(DISK_BYTES, { inThisProcess: false });
  test.info().annotations.push({ type: "disk", description: disk.kind });
  const url = await start();

  // Fill it with runs of four images until one no longer fits: a run fails saying so, or, when the
  // disk filled up between two runs, the next submit is refused with a 507 that names the disk.
  const done: PredictionView[] = [];
  let failure: PredictionView | undefined;
  let refusedAtSubmit: Response | undefined;
  for (let n = 0; n < 30 && !failure && !refusedAtSubmit; n++) {
    const response = await post(url, { prompt: `mountain lake number ${n}`, num_images: 4 });
    if (response.status === 507) {
      refusedAtSubmit = response;
      break;
    }
    expect(response.status).toBe(201);
    const view = await finished(url, predictionViewSchema.parse(await response.json()).id);
    if (view.status === "completed") done.push(view);
    else failure = view;
  }
  if (refusedAtSubmit) expect(errorEnvelopeSchema.parse(await refusedAtSubmit.json()).message).toMatch(FULL);
  else expect(failure?.error).toMatch(FULL);
  expect(done.length).toBeGreaterThan(0);
  expect(await strays(url)).toEqual([]);

  // With the disk full to the last byte, a submit is refused with a 507 that names the disk.
  const fillers: Array<() => Promise<void>> = [];
  let refused: Response | undefined;
  for (let attempt = 0; attempt < 4 && !refused; attempt++) {
    fillers.push(await disk.fill(0));
    const response = await post(url, { prompt: "harbour at night", num_images: 1 });
    if (response.status === 201) await finished(url, predictionViewSchema.parse(await response.json()).id);
    else refused = response;
  }
  expect(refused?.status).toBe(507);
  const envelope = errorEnvelopeSchema.parse(await refused!.json());
  expect(envelope).toMatchObject({ code: 507, error_code: "storage_full", message: expect.stringMatching(FULL) });

  // Deleting works on the full disk, every time, and frees the space at once.
  const before = await disk.freeBytes();
  for (const view of done.slice(0, 3))
    expect((await fetch(`${url}/api/predictions/${view.id}`, { method: "DELETE" })).status).toBe(204);
  expect(await disk.freeBytes()).toBeGreaterThan(before);

  // New work succeeds without a restart, the fillers still in place.
  expect((await run(url, "a red balloon over hills", 1)).status).toBe("completed");
  const history = historyPageSchema.parse(await (await fetch(`${url}/api/predictions?limit=100`)).json());
  expect(history.items.filter((item) => item.status === "created" || item.status === "processing")).toEqual([]);
  expect(await strays(url)).toEqual([]);
  for (const remove of fillers) await remove();
});

test("a restart removes what a crash left behind: half-written files and folders of no prediction", async () => {
  test.setTimeout(120_000);
  disk = await smallDisk(DISK_BYTES, { inThisProcess: false });
  let url = await start();
  const kept = await run(url, "a quiet bay", 1);
  await server!.stop("SIGKILL");

  fs.writeFileSync(path.join(disk.dir, "images", kept.id, "0.jpg.5d41402a.tmp"), "half");
  fs.mkdirSync(path.join(disk.dir, "images", "f".repeat(32)));
  fs.writeFileSync(path.join(disk.dir, "images", "f".repeat(32), "0.jpg"), "orphan");

  url = await start();
  await expect.poll(() => strays(url), { timeout: 15_000 }).toEqual([]);
  expect((await fetch(`${url}/api/images/${kept.id}/0.jpg`)).status).toBe(200);
});
