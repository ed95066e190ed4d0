import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import type { EngineInput } from "../../domain";

/**
 * The worker module, by path from the project root (where `next start`, the tests and the benchmarks
 * run). It stays outside Next's bundle, as piscina (a server external package) loads it at run time.
 */
export const RENDER_WORKER_FILE = path.resolve(process.cwd(), "lib/engines/local/render-worker.mjs");

export type RenderPool = {
  /**
   * One image, rendered on a worker thread, so the server's own thread keeps serving meanwhile; an
   * edit passes its input pictures.
   */
  render(input: EngineInput, index: number, images?: Buffer[]): Promise<Buffer>;
  readonly threads: number;
  close(): Promise<void>;
};

/**
 * One thread per core but one: rendering is CPU work, and the core left over keeps the thread that
 * serves requests from waiting for a turn behind the renders.
 */
export const threadsForThisMachine = () => Math.max(1, os.availableParallelism() - 1);

export function createRenderPool({ threads = threadsForThisMachine(), file = RENDER_WORKER_FILE } = {}): RenderPool {
  // Found at start or not at all: a missing worker would otherwise fail every prediction one by one.
  if (!fs.existsSync(file)) throw new Error(`The render worker ${file} is missing; start the server from the project folder.`);
  const pool = new Piscina<{ input: EngineInput; index: number; images: Uint8Array[] }, Uint8Array>({
    filename: file,
    minThreads: threads,
    maxThreads: threads,
    // Threads stay up: starting one costs the compile of the renderer.
    idleTimeout: Number.POSITIVE_INFINITY,
  });
  return {
    threads,
    async render(input, index, images = []) {
      // A Buffer crosses threads as a plain Uint8Array (copied); the answer is wrapped without a copy.
      const bytes = await pool.run({ input, index, images });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    close: () => pool.destroy(),
  };
}
