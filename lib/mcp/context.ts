import "server-only";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { callerFrom } from "../access/caller";
import { clientName, type RunSource } from "../domain";
import type { PredictionService } from "../predictions/service";
import type { SweepService } from "../sweeps/sweep-service";

/** What a tool or resource handler is handed beside its arguments: the request, its signal, a way to notify. */
export type HandlerExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export type McpConfig = {
  /** How long generate, edit and sweep wait for their runs before answering with where they stand. */
  waitMs: number;
  /** Sessions kept at once (the least recently used goes first), and how long an unused one lives. */
  maxSessions: number;
  idleMs: number;
  /** The largest JSON-RPC message read: an edit with four pictures as base64. */
  maxBodyBytes: number;
};

/** The services tools call (the same facade routes use) and how links are built. */
export type McpDeps = {
  predictions: PredictionService;
  sweeps: SweepService;
  /** The base of links as the client sees this server: PUBLIC_URL, or the host it asked for. */
  baseUrlOf: (headers: Headers) => string;
  config: McpConfig;
};

/** One assistant's session: its client's name marks every run it makes. */
export type SessionInfo = { clientName: () => string | null };

/** Who asks (the proxy named the caller in a header), where links point, and which client asks. */
export type CallContext = { caller?: string; baseUrl: string; source: RunSource };

export function callContext(deps: McpDeps, session: SessionInfo, extra: HandlerExtra): CallContext {
  const headers = new Headers();
  for (const [name, value] of Object.entries(extra.requestInfo?.headers ?? {})) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return {
    caller: callerFrom(headers),
    baseUrl: deps.baseUrlOf(headers),
    source: { kind: "mcp", client: clientName(session.clientName()) },
  };
}
