import "server-only";
import { SpanKind, type Tracer } from "@opentelemetry/api";
import { LRUCache } from "lru-cache";
import { UpstreamError } from "../engines/types";
import type { OperatorMetrics } from "./operator-metrics";
import { traced } from "./spans";

/** Runs and tasks remembered at once; far more than are ever in flight. */
const REMEMBERED = 10_000;

export type UpstreamOperation = "submit" | "get_state" | "check_key";

/**
 * What the engine's upstream did, seen from outside the engine: how long each request took and how
 * it ended, which requests repeat one that failed (a retry, whoever decided it), the 429s, and when
 * the upstream first said a task was complete (by a poll or a webhook).
 */
export class UpstreamWatch {
  private readonly failedLast = new LRUCache<string, true>({ max: REMEMBERED });
  private readonly completedAt = new LRUCache<string, number>({ max: REMEMBERED });

  constructor(
    private readonly metrics: OperatorMetrics,
    private readonly tracer?: Tracer,
    private readonly now: () => number = Date.now,
  ) {}

  /** Times one request; `key` names what a repeat would repeat (a run's submit, a task's poll). */
  call<T>(operation: UpstreamOperation, key: string | undefined, request: () => Promise<T>): Promise<T> {
    const remembered = key === undefined ? undefined : `${operation}:${key}`;
    if (remembered && this.failedLast.has(remembered)) this.metrics.upstreamRetries.inc({ operation });
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const attributes = { "kontext.upstream.operation": operation, ...(key ? { "kontext.upstream.key": key } : {}) };
    return traced(this.tracer, `upstream ${operation}`, attributes, request, SpanKind.CLIENT).then(
      (result) => {
        this.metrics.upstreamSeconds.observe({ operation, outcome: "ok" }, seconds());
        if (remembered) this.failedLast.delete(remembered);
        return result;
      },
      (error: unknown) => {
        const outcome = error instanceof UpstreamError ? error.kind : "other";
        this.metrics.upstreamSeconds.observe({ operation, outcome }, seconds());
        if (outcome === "rate_limited") this.metrics.upstreamRateLimited.inc({ operation });
        if (remembered) this.failedLast.set(remembered, true);
        throw error;
      },
    );
  }

  /** The upstream said this task is complete; the first word of it counts. */
  reportedComplete(upstreamId: string): void {
    if (!this.completedAt.has(upstreamId)) this.completedAt.set(upstreamId, this.now());
  }

  /** When the upstream first said the task was complete, forgotten once read; undefined if it never said so here. */
  takeCompletedAt(upstreamId: string): number | undefined {
    const at = this.completedAt.get(upstreamId);
    this.completedAt.delete(upstreamId);
    return at;
  }
}
