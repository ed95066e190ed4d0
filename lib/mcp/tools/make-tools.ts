import "server-only";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { kindedRunRequestSchema } from "../../contract";
import { DEFAULT_MODEL } from "../../domain";
import { parseOrThrow } from "../../parse";
import { editPictures } from "../image-refs";
import { answering } from "../results";
import { editArgs, generateArgs } from "../schemas";
import { runSummarySchema } from "../summaries";
import type { ToolKit } from "../tool-kit";

/** The tools that make pictures one run at a time: from words, or from pictures and an instruction. */
export function registerMakeTools(server: McpServer, kit: ToolKit): void {
  const { predictions } = kit.deps;

  server.registerTool(
    "generate",
    {
      title: "Generate images",
      description: [
        `Makes 1 to 4 images from a text prompt with ${kit.modelWords()}, and waits for them.`,
        kit.costWords(),
        "Answers with the images sized for a chat, the seed used (give it again to repeat a result), the run's id and its share link; the run appears at once in the owner's open playground and history, marked as made via MCP.",
      ].join(" "),
      inputSchema: generateArgs,
      outputSchema: runSummarySchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) =>
      answering(async () => {
        const context = kit.context(extra);
        const record = await predictions.submit(
          { kind: "text", ...args, model: args.model ?? DEFAULT_MODEL },
          {
            caller: context.caller,
            baseUrl: context.baseUrl,
            source: context.source,
          },
        );
        return kit.answerRun(record, context, extra);
      }),
  );

  server.registerTool(
    "edit",
    {
      title: "Edit a picture",
      description: [
        `Edits one picture with an instruction (or combines 2 to 4 under one) with ${kit.modelWords()}, and waits for the result.`,
        "Give each picture as an image of an earlier run here (run_id and index: the edit is then linked to that run in its lineage), a URL, or base64.",
        kit.costWords(),
        "Answers as generate does.",
      ].join(" "),
      inputSchema: editArgs,
      outputSchema: runSummarySchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) =>
      answering(async () => {
        const context = kit.context(extra);
        const { image: _image, images: _images, ...settings } = args;
        const { fields, parentId } = await editPictures(predictions, args);
        const record = await predictions.submit(
          // Checked as the edit routes check a body: without a picture, `image` is what is missing.
          parseOrThrow(kindedRunRequestSchema, { kind: "images" in fields ? "multi" : "edit", ...settings, ...fields }),
          {
            caller: context.caller,
            baseUrl: context.baseUrl,
            parent: parentId ? { id: parentId, kind: "edit" } : null,
            source: context.source,
          },
        );
        return kit.answerRun(record, context, extra);
      }),
  );
}
