import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { type CallToolResult, CallToolResultSchema, type ImageContent } from "@modelcontextprotocol/sdk/types.js";
import type { RunSummary } from "@/lib/mcp/summaries";

/**
 * An AI assistant as the playground meets it: the official SDK's Client over Streamable HTTP, with
 * a title of its own (the name its runs are marked with) and, where the playground has an owner,
 * the Bearer header.
 */
export async function connectAssistant(
  baseUrl: string,
  { title = "E2E assistant", headers = {} }: { title?: string; headers?: Record<string, string> } = {},
): Promise<Client> {
  const client = new Client({ name: "kontext-e2e", title, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl), { requestInit: { headers } }));
  return client;
}

/** Tools that wait for runs get a generous bound: the machine is shared and sweeps run several runs. */
export const callTool = async (
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options: RequestOptions = {},
): Promise<CallToolResult> =>
  (await client.callTool({ name, arguments: args }, CallToolResultSchema, { timeout: 120_000, ...options })) as CallToolResult;

export const textOf = (result: CallToolResult) =>
  result.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");

export const imagesOf = (result: CallToolResult) => result.content.filter((part): part is ImageContent => part.type === "image");

export const runOf = (result: CallToolResult) => result.structuredContent as RunSummary;
