import "server-only";
import type { Tracer } from "@opentelemetry/api";
import { costUsd, type PredictionRecord } from "../domain";
import type { EventBus } from "../events/event-bus";
import type { OperatorMetrics } from "./operator-metrics";
import { RunEndings } from "./run-endings";
import type { UpstreamWatch } from "./upstream-watch";

/**
 * The event bus, with the ending of every run this instance announces counted on the way out: by
 * engine, model and final status, its time from submit, for a completed run its cost and the time
 * from the upstream's word to its images stored (and a span for that stretch, the mirror, when
 * tracing). Counted where it is published, not where it is heard: with several instances every
 * one hears every ending, and only the one that made it counts it.
 */
export function countingRunEndings(
  bus: EventBus,
  deps: { metrics: OperatorMetrics; upstream: UpstreamWatch; tracer?: Tracer; now?: () => number },
): EventBus {
  const now = deps.now ?? Date.now;
  const endings = new RunEndings(now);
  const observe = (record: PredictionRecord) => {
    if (!endings.isEnding(record)) return;
    const endedAt = Date.parse(record.completedAt!);
    const { metrics } = deps;
    const { engine, model, status } = record;
    metrics.runs.inc({ engine, model, status });
    metrics.runSeconds.observe({ engine, status }, Math.max(0, endedAt - Date.parse(record.createdAt)) / 1000);
    if (status !== "completed") return;
    metrics.spendUsd.inc({ engine }, costUsd(engine, [{ ...record.input, num_images: record.outputs.length }]));
    const reportedAt = record.upstreamId ? deps.upstream.takeCompletedAt(record.upstreamId) : undefined;
    if (reportedAt === undefined) return;
    metrics.storedSeconds.observe({ engine }, Math.max(0, now() - reportedAt) / 1000);
    deps.tracer
      ?.startSpan("mirror", {
        startTime: reportedAt,
        attributes: { "kontext.run": record.id, "kontext.images": record.outputs.length },
      })
      .end(now());
  };
  return {
    publish(event) {
      if (event.type === "updated") observe(event.record);
      return bus.publish(event);
    },
    subscribe: (listener) => bus.subscribe(listener),
    get subscriberCount() {
      return bus.subscriberCount;
    },
    close: () => bus.close(),
  };
}
