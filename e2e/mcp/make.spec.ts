import { expect, test } from "@playwright/test";
import sharp from "sharp";
import type { SweepSummary } from "@/lib/mcp/summaries";
import { predictionViewSchema } from "@/lib/playground-api";
import { seriousAxeViolations } from "../pages/axe";
import { HistoryPage } from "../pages/history-page";
import { PlaygroundPage } from "../pages/playground-page";
import { uniqueToken } from "../wavespeed/upstream";
import { callTool, connectAssistant, imagesOf, runOf, textOf } from "./assistant";

/**
 * An assistant over MCP (the official SDK's client) makes pictures while the owner watches the
 * playground and the history: every run arrives there at once, marked with the assistant's name.
 */
test("generate, then edit the result, then a 2×2 sweep: pictures, seeds and links in each answer, live in the open playground and history", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const token = uniqueToken("mcp-make");
  const title = `Assistant ${token}`;
  const playground = new PlaygroundPage(page);
  await playground.goto();
  const history = new HistoryPage(await context.newPage());
  await history.goto({ q: token });
  await expect(history.noMatches).toBeVisible();

  const assistant = await connectAssistant(baseURL!, { title });
  try {
    const prompt = `${token} a lighthouse at dusk`;
    const generated = await callTool(assistant, "generate", { prompt, aspect_ratio: "16:9", num_images: 2, seed: 4242 });
    expect(generated.isError, textOf(generated)).toBeFalsy();
    const run = runOf(generated);
    expect(run).toMatchObject({
      status: "completed",
      prompt,
      seed: 4242,
      aspect_ratio: "16:9",
      source: { kind: "mcp", client: title },
    });
    expect(run.images).toHaveLength(2);
    expect(textOf(generated)).toContain("seed 4242");
    expect(textOf(generated)).toContain(run.shareUrl);
    expect(textOf(generated)).toContain(run.id);
    // Pictures sized for a chat: JPEG previews, not the 1392×752 originals.
    const pictures = imagesOf(generated);
    expect(pictures.map((picture) => picture.mimeType)).toEqual(["image/jpeg", "image/jpeg"]);
    const preview = await sharp(Buffer.from(pictures[0]!.data, "base64")).metadata();
    expect({ format: preview.format, width: preview.width, height: preview.height }).toEqual({
      format: "jpeg",
      width: 1024,
      height: 553,
    });
    expect((await page.request.get(run.shareUrl)).status()).toBe(200);

    // The owner's open pages showed it as it was made, with who made it.
    const card = playground.runWithPrompt(prompt);
    await card.waitUntilCompleted();
    await expect(card.source).toHaveText(`via MCP · ${title}`);
    const entry = history.entry(prompt);
    await expect(entry.status).toHaveText("completed");
    await expect(entry.source).toHaveText(`via MCP · ${title}`);
    // The mark reads in either scheme (axe's contrast and naming rules on it alone).
    for (const [view, colorScheme] of [
      [history.page, "light"],
      [history.page, "dark"],
      [page, "dark"],
    ] as const) {
      await view.emulateMedia({ colorScheme });
      expect(await seriousAxeViolations(view, '[data-testid="run-source"]')).toEqual([]);
    }

    const instruction = `${token} make it night, keep the lighthouse`;
    const edited = await callTool(assistant, "edit", { prompt: instruction, image: { run_id: run.id, index: 1 } });
    expect(edited.isError, textOf(edited)).toBeFalsy();
    const edit = runOf(edited);
    expect(edit).toMatchObject({ status: "completed", lineage: { parentId: run.id, kind: "edit" }, threadId: run.threadId });
    expect(edit.edit?.kind).toBe("edit");
    // Without an aspect ratio the edit keeps the picture's shape.
    expect(edit.aspect_ratio).toBe("16:9");
    expect(imagesOf(edited)).toHaveLength(1);
    const parentView = predictionViewSchema.parse(await (await page.request.get(`/api/predictions/${edit.id}`)).json());
    expect(parentView.lineage?.parentId).toBe(run.id);
    await expect(playground.runWithPrompt(instruction).source).toHaveText(`via MCP · ${title}`);

    const progress: Array<{ progress: number; total?: number }> = [];
    const swept = await callTool(
      assistant,
      "sweep",
      {
        base: { prompt: `${token} a fox in tall grass`, seed: 7 },
        x: { field: "seed", values: [1, 2] },
        y: { field: "guidance_scale", values: [2, 6] },
      },
      { onprogress: (notice) => progress.push(notice), resetTimeoutOnProgress: true },
    );
    expect(swept.isError, textOf(swept)).toBeFalsy();
    const sweep = swept.structuredContent as SweepSummary;
    expect(sweep).toMatchObject({ done: 4, total: 4, x: { field: "seed" }, y: { field: "guidance_scale" } });
    expect(sweep.cells.map((cell) => cell.status)).toEqual(["completed", "completed", "completed", "completed"]);
    // Progress came as the cells ended, up to all four.
    expect(progress.at(-1)).toEqual(expect.objectContaining({ progress: 4, total: 4 }));
    expect(progress.map((notice) => notice.progress)).toEqual(progress.map((notice) => notice.progress).sort((a, b) => a - b));
    const [grid] = imagesOf(swept);
    expect(grid?.mimeType).toBe("image/png");
    expect((await sharp(Buffer.from(grid!.data, "base64")).metadata()).format).toBe("png");
    expect(textOf(swept)).toContain(sweep.pageUrl);
    expect((await page.request.get(sweep.pageUrl)).status()).toBe(200);
    expect((await page.request.get(sweep.gridUrl)).headers()["content-type"]).toBe("image/png");
    // The sweep is one entry of the open playground and of history, marked too; each cell is a run like any other.
    const sweepEntry = page.getByTestId("sweep-entry").filter({ hasText: `${token} a fox in tall grass` });
    await expect(sweepEntry.getByTestId("run-source")).toHaveText(/via MCP/);
    await page.goto("/history");
    await expect(sweepEntry.getByTestId("run-source")).toHaveText(/via MCP/);
    const cell = await (await page.request.get(`/api/predictions/${sweep.cells[3]!.id}`)).json();
    expect(cell.source).toMatchObject({ kind: "mcp" });
  } finally {
    await assistant.close();
  }
});

test("a flagged image is never sent as a picture; the answer says why and where it can be seen", async ({ baseURL }) => {
  const token = uniqueToken("mcp-flagged");
  const assistant = await connectAssistant(baseURL!);
  try {
    // The local engine's stand-in safety check flags "bloody" at the default tolerance.
    const answer = await callTool(assistant, "generate", { prompt: `${token} a bloody knight after battle` });
    expect(answer.isError, textOf(answer)).toBeFalsy();
    const run = runOf(answer);
    expect(run.status).toBe("completed");
    expect(run.images).toEqual([expect.objectContaining({ index: 0, flagged: true })]);
    expect(run.images[0]).not.toHaveProperty("url");
    expect(imagesOf(answer)).toEqual([]);
    expect(textOf(answer)).toContain("flagged as possibly unsafe");
    expect(textOf(answer)).toContain(run.shareUrl);

    const again = await callTool(assistant, "get_run", { id: run.id, include_images: true });
    expect(imagesOf(again)).toEqual([]);
    expect(textOf(again)).toContain("flagged as possibly unsafe");
    const resource = await assistant.readResource({ uri: `kontext://runs/${run.id}` });
    expect(resource.contents.map((part) => part.mimeType)).toEqual(["application/json"]);
  } finally {
    await assistant.close();
  }
});
