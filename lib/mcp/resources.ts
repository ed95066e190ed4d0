import "server-only";
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { openApiDocument } from "../openapi";
import { runPreviews } from "./previews";
import { summarizeRun } from "./summaries";
import type { ToolKit } from "./tool-kit";

/** How many of the newest runs the resource list offers. */
export const RECENT_RUNS = 25;
const RESOURCE_NOT_FOUND = -32002;

export const runUri = (id: string) => `kontext://runs/${id}`;
const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);

/**
 * What an assistant can read without a tool call: the recent runs (`kontext://runs/{id}`: the run as
 * JSON, and each image not flagged as a JPEG sized for a chat) and the served contract's OpenAPI document.
 */
export function registerResources(server: McpServer, kit: ToolKit): void {
  const { predictions } = kit.deps;

  server.registerResource(
    "run",
    new ResourceTemplate(runUri("{id}"), {
      list: async () => {
        const { items } = await predictions.history({ limit: RECENT_RUNS });
        return {
          resources: items.map((record) => ({
            uri: runUri(record.id),
            name: `run ${record.id}`,
            title: clip(record.input.prompt, 80),
            description: `${record.status}, ${record.createdAt}${record.input.edit ? ", an edit" : ""}`,
            mimeType: "application/json",
          })),
        };
      },
    }),
    {
      title: "Runs",
      description: `A run of this playground: its settings, seed, status and links as JSON, and its pictures. The ${RECENT_RUNS} newest are listed.`,
      mimeType: "application/json",
    },
    async (uri, variables, extra) => {
      const id = String(variables.id);
      const record = await predictions.find(id);
      if (!record) throw new McpError(RESOURCE_NOT_FOUND, `No run with id "${id}".`, { uri: uri.href });
      const summary = summarizeRun(record, kit.context(extra).baseUrl);
      const { images, indexes } = await runPreviews(predictions, record);
      return {
        contents: [
          { uri: uri.href, mimeType: "application/json", text: JSON.stringify(summary, null, 2) },
          ...images.map((image, position) => ({
            uri: `${uri.href}/images/${indexes[position]}`,
            mimeType: image.mimeType,
            blob: image.data,
          })),
        ],
      };
    },
  );

  server.registerResource(
    "openapi",
    "kontext://openapi.json",
    {
      title: "The served API (OpenAPI 3.1)",
      description:
        "The WaveSpeed-compatible prediction API this playground serves, for scripts: the same document as /api/v3/openapi.json.",
      mimeType: "application/json",
    },
    async (uri, extra) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: "application/json",
          text: JSON.stringify(openApiDocument(kit.context(extra).baseUrl), null, 2),
        },
      ],
    }),
  );
}
