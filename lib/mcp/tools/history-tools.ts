import "server-only";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod/mini";
import { AppError } from "../../errors";
import { compareQuery } from "../../view/compare";
import { LIST_EDGE, runPreviews } from "../previews";
import { answering } from "../results";
import { compareLinkArgs, getRunArgs, noteArgs, searchRunsArgs, starArgs } from "../schemas";
import { runLine, runSummarySchema, summarizeRun } from "../summaries";
import type { ToolKit } from "../tool-kit";

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const ANNOTATES = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const searchResultSchema = z.object({ runs: z.array(runSummarySchema), nextCursor: z.optional(z.string()) });
const compareResultSchema = z.object({ url: z.string() });

/** Reading the history and keeping what is good: find runs, read one, star, note, line images up. None spends money. */
export function registerHistoryTools(server: McpServer, kit: ToolKit): void {
  const { predictions } = kit.deps;

  server.registerTool(
    "get_run",
    {
      title: "Read a run",
      description:
        "One run of this playground by id: its prompt, parameters, seed, status, lineage, note, stars and links. Its images only with include_images. Free.",
      inputSchema: getRunArgs,
      outputSchema: runSummarySchema,
      annotations: READ_ONLY,
    },
    ({ id, include_images }, extra) =>
      answering(async () => kit.runResult(await predictions.get(id), kit.context(extra).baseUrl, { images: include_images })),
  );

  server.registerTool(
    "search_runs",
    {
      title: "Search the history",
      description:
        "Runs of this playground, newest first: by words in the prompt or note, starred, with a note, by thread or status. Answers ids, prompts, parameters and links; pictures only with include_images. Free.",
      inputSchema: searchRunsArgs,
      outputSchema: searchResultSchema,
      annotations: READ_ONLY,
    },
    (args, extra) =>
      answering(async () => {
        const { baseUrl } = kit.context(extra);
        const history = await predictions.history({
          limit: args.limit,
          cursor: args.cursor,
          search: args.query || undefined,
          status: args.status,
          starred: args.starred || undefined,
          hasNote: args.has_note || undefined,
          threadId: args.thread_id,
        });
        const runs = history.items.map((record) => summarizeRun(record, baseUrl));
        const pictures = args.include_images
          ? await Promise.all(history.items.map((record) => runPreviews(predictions, record, { edge: LIST_EDGE, first: true })))
          : [];
        const lines = runs.length ? runs.map(runLine) : ["No runs match."];
        if (history.nextCursor) lines.push(`More: call again with cursor ${history.nextCursor}`);
        return {
          content: [{ type: "text", text: lines.join("\n") }, ...pictures.flatMap((found) => found.images)],
          structuredContent: { runs, ...(history.nextCursor ? { nextCursor: history.nextCursor } : {}) },
        };
      }),
  );

  server.registerTool(
    "star",
    {
      title: "Star an image",
      description: "Stars one image of a run (or takes the star away with starred: false), as the playground's star does. Free.",
      inputSchema: starArgs,
      outputSchema: runSummarySchema,
      annotations: ANNOTATES,
    },
    ({ id, index, starred }, extra) =>
      answering(async () => {
        const record = await predictions.annotate(id, { star: { index, starred } });
        return kit.runResult(record, kit.context(extra).baseUrl, { images: false });
      }),
  );

  server.registerTool(
    "note",
    {
      title: "Write a run's note",
      description: "Sets the note of a run, replacing the one it had (empty text clears it); history search finds notes. Free.",
      inputSchema: noteArgs,
      outputSchema: runSummarySchema,
      annotations: ANNOTATES,
    },
    ({ id, note }, extra) =>
      answering(async () => {
        const record = await predictions.annotate(id, { note });
        return kit.runResult(record, kit.context(extra).baseUrl, { images: false });
      }),
  );

  server.registerTool(
    "compare_link",
    {
      title: "Link a comparison",
      description:
        "Builds the link of this playground's compare page for 2 to 4 images (run id and image index each): they are shown side by side with what differs between their settings. Free.",
      inputSchema: compareLinkArgs,
      outputSchema: compareResultSchema,
      annotations: READ_ONLY,
    },
    ({ images }, extra) =>
      answering(async () => {
        for (const [position, image] of images.entries()) {
          const record = await predictions.find(image.run_id);
          if (!record) throw new AppError("not_found", `No run with id "${image.run_id}".`, `images.${position}.run_id`);
          if (!record.outputs.some((output) => output.index === image.index))
            throw new AppError("invalid_request", `Run ${record.id} has no image ${image.index}.`, `images.${position}.index`);
        }
        const url = `${kit.context(extra).baseUrl}/compare?${compareQuery(images.map((image) => ({ id: image.run_id, index: image.index })))}`;
        return { content: [{ type: "text", text: `Compare page: ${url}` }], structuredContent: { url } };
      }),
  );
}
