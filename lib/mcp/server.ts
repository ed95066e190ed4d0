import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { version } from "../../package.json";
import type { McpDeps } from "./context";
import { registerResources } from "./resources";
import { ToolKit } from "./tool-kit";
import { registerHistoryTools } from "./tools/history-tools";
import { registerMakeTools } from "./tools/make-tools";
import { registerSweepTool } from "./tools/sweep-tool";

const INSTRUCTIONS = `Kontext Playground: a person's own playground for FLUX.1 Kontext image generation and editing.
Everything made here lands in their playground: it appears at once in their open browser, with a share page, in a history they can search, star, note and compare.
Make pictures with generate, edit (an earlier run's image by run_id, a URL or base64) and sweep (a grid of settings).
Find and keep results with search_runs, get_run, star, note and compare_link.
Tools that spend money say so; the owner's daily budget and rate limits apply, and a refusal says why and when to try again.
Images flagged as possibly unsafe are never sent here; their share page shows them behind a warning.`;

/** One MCP server per session: its client's name (from `initialize`) marks the runs it makes. */
export function buildMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer(
    { name: "kontext-playground", title: "Kontext Playground", version },
    { instructions: INSTRUCTIONS, capabilities: { tools: {}, resources: {} } },
  );
  const kit = new ToolKit(deps, {
    clientName: () => {
      const client = server.server.getClientVersion();
      return client?.title ?? client?.name ?? null;
    },
  });
  registerMakeTools(server, kit);
  registerSweepTool(server, kit);
  registerHistoryTools(server, kit);
  registerResources(server, kit);
  return server;
}
