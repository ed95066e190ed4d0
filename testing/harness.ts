import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { isTerminal } from "@/lib/contract";
import type { Engine } from "@/lib/engines/types";
import { buildPredictions } from "@/lib/predictions/build";
import { DEFAULT_MIRROR_LIMITS } from "@/lib/predictions/mirror";
import type { TrackerConfig } from "@/lib/predictions/tracker";

export const FAST_TRACKER: TrackerConfig = {
  maxConcurrency: 3,
  deadlineMs: 10_000,
  schedule: { firstPollMs: 5, intervalMs: 5, maxGapMs: 5 },
  expectedDurationMs: 10,
  retry: { baseMs: 5, capMs: 20 },
  maxPollFailures: 3,
  mirrorAttempts: 3,
  mirrorLimits: DEFAULT_MIRROR_LIMITS,
};

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "kontext-test-"));

export function createTestPredictions(engine: Engine, options: { dataDir?: string; config?: Partial<TrackerConfig> } = {}) {
  const dataDir = options.dataDir ?? tempDir();
  const built = buildPredictions({ dataDir, engine, trackerConfig: { ...FAST_TRACKER, ...options.config } });
  return { ...built, dataDir };
}

/** Resolves once the prediction reaches `completed` or `failed`. */
export async function waitForTerminal(service: { find(id: string): { status: string } | undefined }, id: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const record = service.find(id);
    if (record && isTerminal(record.status as never)) return record;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`prediction ${id} did not finish within ${timeoutMs} ms`);
}

export const pngOf = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3b82f6" } }).png().toBuffer();

/** A real HTTP server on 127.0.0.1 that answers with whatever the handler says. */
export async function serveOnLoopback(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
