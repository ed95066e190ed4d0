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
  /** The same for each connection's first answer alone, which also pays for opening the connection. */
  firstOnConnection: Summary;
  /** The same without each connection's first answer: requests on connections already open. */
  onOpenConnections: Summary;
};

/** One autocannon run. Latencies are collected per response, so p50 is not rounded to whole ms. */
export function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const firsts: number[] = [];
  const later: number[] = [];
  const answered = new Set<unknown>();
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
          firstOnConnection: summarize(firsts),
          onOpenConnections: summarize(later),
        });
      },
    );
    instance.on("response", (client: unknown, status: number, _bytes: number, responseTime: number) => {
      const now = performance.now();
      firstSent = Math.min(firstSent, now - responseTime);
      lastAnswered = now;
      const first = !answered.has(client);
      answered.add(client);
      if (status < 200 || status >= 300) return void failed++;
      latencies.push(responseTime);
      (first ? firsts : later).push(responseTime);
    });
    // `amount` has no time bound of its own.
    const guard = setTimeout(() => instance.stop(), options.maxMs);
  });
}
