import autocannon from "autocannon";
import { round, type Summary, summarize } from "./stats";

export type LoadOptions = {
  url: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  /** Either a time (seconds) or a number of requests; both are bounded by `maxMs`. */
  durationS?: number;
  amount?: number;
  maxMs: number;
};

export type LoadResult = {
  connections: number;
  ok: number;
  failed: number;
  seconds: number;
  reqPerSec: number;
  /** Latency of the 2xx answers, in ms, from autocannon's per-response timer (sub-millisecond). */
  latency: Summary;
};

/** One autocannon run. Latencies are collected per response, so p50 is not rounded to whole ms. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  // The span from the first request sent to the last answer, without autocannon's own start-up.
  let firstSent = Number.POSITIVE_INFINITY;
  let lastAnswered = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? "GET",
        headers: { "content-type": "application/json", ...options.headers },
        body: options.body,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 5 }),
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(guard);
        if (error) return reject(error);
        const seconds = Math.max(0.001, (lastAnswered - firstSent) / 1000);
        resolve({
          connections: options.connections,
          ok: latencies.length,
          failed: failed + result.errors,
          seconds: round(seconds, 2),
          reqPerSec: round(latencies.length / seconds, 0),
          latency: summarize(latencies),
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      const now = performance.now();
      firstSent = Math.min(firstSent, now - responseTime);
      lastAnswered = now;
      if (status >= 200 && status < 300) latencies.push(responseTime);
      else failed++;
    });
    // `amount` has no time bound of its own.
    const guard = setTimeout(() => instance.stop(), options.maxMs);
  });
}
