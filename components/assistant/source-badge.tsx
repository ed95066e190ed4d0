import { sourceLabel } from "@/lib/domain";
import type { PredictionView } from "@/lib/playground-api";

/** "via MCP · Claude Desktop": a run an AI assistant asked for. Nothing for runs made here or through the API. */
export function SourceBadge({ view, className = "" }: { view: Pick<PredictionView, "source">; className?: string }) {
  const { source } = view;
  if (!source) return null;
  const label = sourceLabel(source);
  return (
    <span
      data-testid="run-source"
      title={`Asked for by an AI assistant over the Model Context Protocol${source.client ? ` (${source.client})` : ""}`}
      className={`inline-flex max-w-full items-center rounded-full bg-accent/10 px-2 py-0.5 text-xs text-accent ${className}`}
    >
      <span className="truncate">{label}</span>
    </span>
  );
}
