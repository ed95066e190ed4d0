import path from "node:path";
import { expect, test } from "@playwright/test";
import { historyPageSchema, type PredictionView, predictionViewSchema } from "@/lib/playground-api";
import { E2E_PORTS } from "@/testing/ports";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { HistoryPage } from "./pages/history-page";
import { uniqueToken, waitForTerminal } from "./wavespeed/upstream";

let target: ServerProcess | undefined;
test.afterEach(async () => target?.stop("SIGKILL"));

/** What a history shows of a run, whatever host serves it. */
const shown = (view: PredictionView) => ({
  id: view.id,
  status: view.status,
  input: view.input,
  createdAt: view.createdAt,
  note: view.note,
  lineage: view.lineage,
  threadId: view.threadId,
  sweep: view.sweep,
  outputs: view.outputs.map(({ index, width, height, contentType, nsfw, starred }) => ({
    index,
    width,
    height,
    contentType,
    nsfw,
    starred,
  })),
});

test("an export imported into a fresh data folder gives the same history, images included", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(240_000);
  const token = uniqueToken("move");
  const post = async (body: object) =>
    waitForTerminal(
      request,
      predictionViewSchema.parse(await (await request.post("/api/predictions", { data: body })).json()).id,
    );
  const root = await post({ prompt: `${token} a harbour at dawn`, num_images: 2 });
  const child = await post({ prompt: `${token} a harbour at noon`, parent: { id: root.id, kind: "settings" } });
  await request.patch(`/api/predictions/${root.id}`, { data: { note: "keep", star: { index: 1, starred: true } } });
  await post({ prompt: `${token} a windmill` });

  // Export what the history shows for this token.
  const history = new HistoryPage(page);
  await history.goto({ q: token });
  await expect(history.entries).toHaveCount(3);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export these runs" }).click();
  const zip = await (await downloading).path();
  const source = historyPageSchema.parse(await (await request.get(`/api/predictions?q=${encodeURIComponent(token)}`)).json());

  // A second playground, on a data folder of its own.
  const dataDir = path.join(process.env.E2E_DATA_ROOT!, `import-${Date.now()}`);
  target = await startPlayground({ port: E2E_PORTS.importTarget, env: { KONTEXT_ENGINE: "local", DATA_DIR: dataDir } });
  const context = await browser.newContext({ baseURL: target.url });
  const fresh = await context.newPage();
  const freshHistory = new HistoryPage(fresh);
  await freshHistory.goto();
  await expect(fresh.getByTestId("history-empty")).toBeVisible();
  await fresh.getByLabel("Import a zip").setInputFiles(zip);
  await expect(fresh.getByTestId("import-result")).toHaveText("Imported 3 runs and 0 sweeps; 0 runs were already here.");
  await expect(freshHistory.entries).toHaveCount(3);

  const moved = historyPageSchema.parse(
    await (await context.request.get(`/api/predictions?q=${encodeURIComponent(token)}`)).json(),
  );
  expect(moved.items.map(shown)).toEqual(source.items.map(shown));
  expect(moved.items.find((item) => item.id === child.id)?.lineage?.parentId).toBe(root.id);
  // The images are served by the new playground, byte for byte.
  for (const [index, output] of source.items.find((item) => item.id === root.id)!.outputs.entries()) {
    const before = await (await request.get(output.url)).body();
    const after = await (await context.request.get(moved.items.find((item) => item.id === root.id)!.outputs[index].url)).body();
    expect(after.equals(before)).toBe(true);
  }
  await fresh.goto(`/p/${root.id}`);
  await expect(fresh.getByRole("button", { name: "Star image 2" })).toHaveAttribute("aria-pressed", "true");
  await expect(fresh.getByTestId("note-text")).toHaveText("keep");
  await context.close();
});
