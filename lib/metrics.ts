import "server-only";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

const holder = globalThis as typeof globalThis & { __kontextLoopDelay?: IntervalHistogram };

/** Starts sampling event-loop delay once per process. */
export function startMetrics(): void {
  if (holder.__kontextLoopDelay) return;
  holder.__kontextLoopDelay = monitorEventLoopDelay({ resolution: 10 });
  holder.__kontextLoopDelay.enable();
}

const ms = (nanoseconds: number) => Math.round((nanoseconds / 1e6) * 100) / 100;

/** Process health figures for /api/health and the benchmarks. `reset` starts a new window. */
export function readMetrics({ reset = false } = {}) {
  startMetrics();
  const histogram = holder.__kontextLoopDelay!;
  const figures = {
    rssBytes: process.memoryUsage.rss(),
    eventLoopDelayMs: {
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    },
  };
  if (reset) histogram.reset();
  return figures;
}
