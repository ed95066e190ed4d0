import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { runOperatorScript } from "@/testing/operator-scripts";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";

const servers: ServerProcess[] = [];
test.afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

const root = () => path.join(process.env.E2E_DATA_ROOT!, "backup-restore");

async function json(url: string, init?: RequestInit): Promise<PredictionView> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  expect(response.ok, `${init?.method ?? "GET"} ${url}: ${response.status}`).toBe(true);
  return predictionViewSchema.parse(await response.json());
}

const submit = (url: string, body: object) => json(`${url}/api/predictions`, { method: "POST", body: JSON.stringify(body) });
const read = (url: string, id: string) => json(`${url}/api/predictions/${id}`);

async function settled(url: string, id: string): Promise<PredictionView> {
  await expect.poll(async () => (await read(url, id)).status, { timeout: 60_000 }).toMatch(/completed|failed/);
  return read(url, id);
}

const sha = async (url: string) =>
  createHash("sha256")
    .update(Buffer.from(await (await fetch(url)).arrayBuffer()))
    .digest("hex");

test("a backup made while runs complete restores onto a fresh folder with every completed run, note, star, lineage link and image", async () => {
  test.setTimeout(300_000);
  const sourceDir = path.join(root(), "source");
  const source = await startPlayground({ port: E2E_PORTS.backupSource, env: { KONTEXT_ENGINE: "local", DATA_DIR: sourceDir } });
  servers.push(source);

  // Before the backup: runs with several images, a chain, a note and a star.
  const first = await Promise.all(
    Array.from({ length: 12 }, (_, n) =>
      submit(source.url, { prompt: `a harbour at night, take ${n}`, num_images: 4, seed: 100 + n }),
    ),
  );
  const made = await Promise.all(first.map((run) => settled(source.url, run.id)));
  const child = await settled(
    source.url,
    (await submit(source.url, { prompt: "the same harbour at dawn", parent: { id: made[0].id, kind: "tweak" } })).id,
  );
  await json(`${source.url}/api/predictions/${made[0].id}`, {
    method: "PATCH",
    body: JSON.stringify({ note: "the keeper", star: { index: 2, starred: true } }),
  });
  await json(`${source.url}/api/predictions/${child.id}`, {
    method: "PATCH",
    body: JSON.stringify({ star: { index: 0, starred: true } }),
  });

  // Under load: runs keep being submitted and completing while the backup runs.
  let loading = true;
  const during: string[] = [];
  const load = (async () => {
    for (let n = 0; loading; n++) {
      const runs = await Promise.all([1, 2].map((k) => submit(source.url, { prompt: `a busy quay ${n}-${k}`, num_images: 2 })));
      during.push(...runs.map((run) => run.id));
      await Promise.all(runs.map((run) => settled(source.url, run.id)));
    }
  })();
  await expect.poll(() => during.length, { timeout: 30_000 }).toBeGreaterThan(2);
  const backupDir = path.join(root(), "backup");
  const backup = await runOperatorScript("backup", backupDir, { DATA_DIR: sourceDir });
  loading = false;
  await load;
  expect(backup.code, backup.output).toBe(0);
  expect(backup.output).toMatch(/Backed up .* runs .* MB\/s/);
  const duringRuns = await Promise.all(during.map((id) => read(source.url, id)));
  const completedDuring = duringRuns.filter(
    (run) => run.completedAt && Date.parse(run.completedAt) >= backup.startedAt && Date.parse(run.completedAt) <= backup.endedAt,
  );
  expect(completedDuring.length, "runs completed while the backup ran").toBeGreaterThan(0);

  // A fresh folder: the restore writes it whole; a second restore onto it is refused.
  const targetDir = path.join(root(), "target");
  const restore = await runOperatorScript("restore", backupDir, { DATA_DIR: targetDir });
  expect(restore.code, restore.output).toBe(0);
  expect(restore.output).toMatch(/every SHA-256 checked/);
  const again = await runOperatorScript("restore", backupDir, { DATA_DIR: targetDir });
  expect(again.code).not.toBe(0);
  expect(again.output).toMatch(/is not empty/);

  const target = await startPlayground({ port: E2E_PORTS.backupTarget, env: { KONTEXT_ENGINE: "local", DATA_DIR: targetDir } });
  servers.push(target);
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
  // Every run completed before the backup began, and every run the backup holds, comes back whole.
  const expected = [
    ...made,
    child,
    ...duringRuns.filter((run) => run.completedAt && Date.parse(run.completedAt) < backup.startedAt),
  ];
  const listed = (await (await fetch(`${target.url}/api/predictions?limit=100`)).json()) as { items: { id: string }[] };
  const restoredIds = new Set(listed.items.map((item) => item.id));
  expect(restoredIds.size).toBe(manifest.counts.runs);
  for (const run of expected) expect(restoredIds.has(run.id), run.id).toBe(true);
  for (const run of expected) {
    const [before, after] = await Promise.all([read(source.url, run.id), read(target.url, run.id)]);
    expect(after).toMatchObject({
      status: "completed",
      note: before.note,
      lineage: before.lineage,
      completedAt: before.completedAt,
    });
    expect(after.outputs.map((output) => output.starred)).toEqual(before.outputs.map((output) => output.starred));
    for (const [index, output] of after.outputs.entries())
      expect(await sha(output.url)).toBe(await sha(before.outputs[index].url));
  }
  // A run still rendering when the database was copied is picked up by the restored server and finishes there.
  for (const id of restoredIds) expect((await settled(target.url, id)).status).toBe("completed");
  expect((await read(target.url, made[0].id)).note).toBe("the keeper");
  expect((await read(target.url, child.id)).lineage?.parentId).toBe(made[0].id);

  // Share pages open on the restored server.
  for (const run of [made[0], child]) {
    const page = await fetch(`${target.url}/p/${run.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(run.input.prompt);
  }
});
