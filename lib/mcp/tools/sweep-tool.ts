import "server-only";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { isTerminal, sweepCostUsd } from "../../domain";
import type { HandlerExtra } from "../context";
import { editPictures } from "../image-refs";
import { pngPreview } from "../previews";
import { answering } from "../results";
import { sweepArgs } from "../schemas";
import { summarizeSweep, sweepSummarySchema } from "../summaries";
import type { ToolKit } from "../tool-kit";

/** The grid is labelled text and small pictures: a PNG keeps the labels sharp, this wide at most. */
const GRID_EDGE = 1568;

/** A sweep: one run per cell of a grid of settings, its grid PNG and its page, with progress as cells end. */
export function registerSweepTool(server: McpServer, kit: ToolKit): void {
  const { predictions, sweeps } = kit.deps;

  server.registerTool(
    "sweep",
    {
      title: "Sweep settings over a grid",
      description: [
        "Runs one prompt (or one edit) over a grid of settings: an x axis and an optional y axis, each over model (pro, max: the same prompt and seed on each), seed, guidance_scale, safety_tolerance, aspect_ratio or prompt (with {a|b} groups), one run per cell,",
        `at most ${sweeps.maxCells} cells.`,
        kit.costWords(),
        "On a paid engine the first call without confirmedCostUsd refuses and says the total; call again with it to start.",
        "Reports progress as cells end, then answers with the grid as one PNG (flagged cells blurred), the sweep page's link and every cell's run id.",
      ].join(" "),
      inputSchema: sweepArgs,
      outputSchema: sweepSummarySchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) =>
      answering(async () => {
        const context = kit.context(extra);
        const { image: _image, images: _images, ...settings } = args.base;
        const { fields, parentId } = await editPictures(predictions, args.base, "base.");
        const body = {
          base: { ...settings, ...fields },
          x: args.x,
          y: args.y ?? null,
          parent: parentId ? { id: parentId, kind: "sweep_cell" } : null,
          confirmedCostUsd: args.confirmedCostUsd,
        };
        const started = await sweeps.create(body, context.caller, context.baseUrl, context.source);
        await waitForCells(
          kit,
          started.cells.map((cell) => cell.id),
          extra,
        );

        const state = await sweeps.get(started.sweep.id);
        const summary = summarizeSweep(state, sweepCostUsd(state.sweep.engine, state.sweep), context.baseUrl);
        const grid = await pngPreview(await sweeps.gridPng(state.sweep.id), GRID_EDGE);
        const failed = state.cells.filter((cell) => cell.status === "failed").length;
        const lines = [
          `Sweep ${summary.id}: ${summary.done} of ${summary.total} cells done${failed ? `, ${failed} failed` : ""} (${summary.x.field}${summary.y ? ` × ${summary.y.field}` : ""}).`,
          `Sweep page: ${summary.pageUrl}`,
          `Grid PNG: ${summary.gridUrl}`,
          ...(summary.done < summary.total ? ["The rest are still running: the sweep page follows them live."] : []),
          ...summary.cells.map(
            (cell) =>
              `Cell ${summary.x.field} ${summary.x.labels[cell.x]}${summary.y ? `, ${summary.y.field} ${summary.y.labels[cell.y]}` : ""}: run ${cell.id}, ${cell.status}, seed ${cell.seed}`,
          ),
        ];
        return { content: [{ type: "text", text: lines.join("\n") }, grid], structuredContent: summary };
      }),
  );
}

/**
 * Waits for every cell (until the wait runs out or the client cancels), and tells a client that asked
 * for progress (a progressToken) each time one ends.
 */
async function waitForCells(kit: ToolKit, ids: string[], extra: HandlerExtra): Promise<void> {
  const token = extra._meta?.progressToken;
  const total = ids.length;
  let done = 0;
  const report = async () => {
    if (token === undefined) return;
    await extra
      .sendNotification({
        method: "notifications/progress",
        params: { progressToken: token, progress: done, total, message: `${done} of ${total} cells done` },
      })
      .catch(() => undefined);
  };
  await report();
  const deadline = Date.now() + kit.deps.config.waitMs;
  await Promise.all(
    ids.map(async (id) => {
      // A cell deleted meanwhile has nothing more to report.
      const settled = await kit.deps.predictions
        .waitUntilSettled(id, Math.max(0, deadline - Date.now()), extra.signal)
        .catch(() => undefined);
      if (!settled || !isTerminal(settled.record.status)) return;
      done += 1;
      await report();
    }),
  );
}
