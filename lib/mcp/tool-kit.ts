import "server-only";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  DEFAULT_MODEL,
  ENGINE_LABELS,
  isTerminal,
  KONTEXT_MODEL_NAMES,
  MODELS,
  type PredictionRecord,
  priceRange,
} from "../domain";
import type { EngineSummary } from "../playground-api";
import { formatPriceRange, formatSeconds } from "../view/format";
import { type CallContext, callContext, type HandlerExtra, type McpDeps, type SessionInfo } from "./context";
import { CHAT_EDGE, runPreviews } from "./previews";
import { describeRun, summarizeRun } from "./summaries";

/** What every tool is built with: the services, this session, and the context of each call. */
export class ToolKit {
  constructor(
    readonly deps: McpDeps,
    private readonly session: SessionInfo,
  ) {}

  context(extra: HandlerExtra): CallContext {
    return callContext(this.deps, this.session, extra);
  }

  /** What makes the pictures on this server, named honestly: the local engine is a stand-in, never FLUX. */
  modelWords(): string {
    const { engine }: EngineSummary = this.deps.predictions.engineInfo();
    if (engine === "local")
      return `this server's ${ENGINE_LABELS.local} engine (a stand-in for FLUX.1 Kontext, for trying things out)`;
    const others = KONTEXT_MODEL_NAMES.filter((name) => name !== DEFAULT_MODEL).map((name) => MODELS[name].short);
    return `${MODELS[DEFAULT_MODEL].label} (or ${others.join(", ")}, named by the model argument) on ${ENGINE_LABELS[engine]}`;
  }

  /**
   * The sentence every tool that can spend money carries, from the engine this server runs: the
   * price per image, and that the owner's key and daily budget pay for it.
   */
  costWords(): string {
    const { engine }: EngineSummary = this.deps.predictions.engineInfo();
    if (engine === "local") return "Free on this server: its engine makes the pictures on this machine.";
    const prices = KONTEXT_MODEL_NAMES.map(
      (name) => `${formatPriceRange(priceRange(name))} per image with ${MODELS[name].short}`,
    );
    return `Spends money: ${prices.join(", ")} on WaveSpeed, billed to the owner's API key and counted against this playground's daily budget.`;
  }

  /**
   * Waits for a run (until it ends, the wait runs out, or the client cancels) and answers with it:
   * words, its images sized for a chat (never a flagged one), and its summary as structuredContent.
   * A failed run is a tool error that still carries the run.
   */
  async answerRun(record: PredictionRecord, context: CallContext, extra: HandlerExtra): Promise<CallToolResult> {
    const { waitMs } = this.deps.config;
    const { record: latest } = await this.deps.predictions.waitUntilSettled(record.id, waitMs, extra.signal);
    return this.runResult(latest, context.baseUrl, { images: true, waitedMs: waitMs });
  }

  async runResult(
    record: PredictionRecord,
    baseUrl: string,
    { images, edge = CHAT_EDGE, waitedMs }: { images: boolean; edge?: number; waitedMs?: number },
  ): Promise<CallToolResult> {
    const summary = summarizeRun(record, baseUrl);
    const previews = images ? (await runPreviews(this.deps.predictions, record, { edge })).images : [];
    const lines = [describeRun(summary, record)];
    if (!isTerminal(record.status) && waitedMs !== undefined)
      lines.push(
        `Still ${record.status} after ${formatSeconds(waitedMs)}: its share page follows it live, or call get_run with id ${record.id}.`,
      );
    return {
      content: [{ type: "text", text: lines.join("\n") }, ...previews],
      structuredContent: summary,
      ...(record.status === "failed" ? { isError: true } : {}),
    };
  }
}
