/**
 * Where a run was asked for, when not on the playground's own pages or through the served API:
 * by an AI assistant over the Model Context Protocol, with the name its client gave at
 * `initialize` (Claude Desktop, Cursor, …). Kept with the run, so every view can say so.
 */
export const RUN_SOURCE_KINDS = ["mcp"] as const;
export type RunSourceKind = (typeof RUN_SOURCE_KINDS)[number];

export type RunSource = { kind: RunSourceKind; client: string | null };

/** A client names itself: its name is cut to this many characters before it is stored. */
export const MAX_CLIENT_NAME_CHARS = 80;

/** The client's own words, trimmed and cut; null when it gave none. */
export function clientName(name: string | undefined | null): string | null {
  const trimmed = name?.replace(/\s+/g, " ").trim();
  return trimmed ? trimmed.slice(0, MAX_CLIENT_NAME_CHARS) : null;
}

/** "via MCP", and the client's name when known: the words a run's badge shows. */
export const sourceLabel = (source: RunSource) => (source.client ? `via MCP · ${source.client}` : "via MCP");
