import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { predictionEnvelopeSchema } from "@/lib/contract";
import { serverEnv } from "./server-env";

/**
 * `npm start` as a newcomer runs it (building first when there is no build), then one generation
 * through the served API on the local engine, and the image it made. Prints how long each took.
 *   npx tsx testing/smoke.ts [PORT]
 */
const ROOT = path.resolve(__dirname, "..");
const PORT = Number(process.argv[2] ?? 3000);
const URL_BASE = `http://127.0.0.1:${PORT}`;
const SUBMIT = "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Asks `probe` until it answers; what it throws ends the wait. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(250);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s`);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-smoke-"));
  const started = performance.now();
  // Its own process group, so stopping it stops the server npm started too.
  const server = spawn("npm", ["start"], {
    cwd: ROOT,
    env: serverEnv({ PORT: String(PORT), DATA_DIR: dataDir, KONTEXT_ENGINE: "local" }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  try {
    // A cold start builds first: minutes on a busy machine.
    await until("npm start did not answer /api/health", 15 * 60_000, async () => {
      if (server.exitCode !== null) throw new Error(`npm start exited (${server.exitCode}):\n${output}`);
      // Not listening yet while it builds.
      const health = await fetch(`${URL_BASE}/api/health`).catch(() => undefined);
      return health?.ok || undefined;
    });
    console.info(`npm start on ${process.version}: healthy after ${seconds(started)}`);

    const submitted = performance.now();
    const response = await fetch(URL_BASE + SUBMIT, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "a lighthouse on a cliff at dusk", seed: 7 }),
    });
    const { id } = predictionEnvelopeSchema.parse(await response.json()).data;
    const done = await until(`prediction ${id} did not complete`, 120_000, async () => {
      const { data } = predictionEnvelopeSchema.parse(await (await fetch(`${URL_BASE}/api/v3/predictions/${id}/result`)).json());
      if (data.status === "failed") throw new Error(`prediction ${id} failed: ${data.error}`);
      return data.status === "completed" ? data : undefined;
    });
    const image = await fetch(new URL(String(done.outputs[0]), URL_BASE));
    const bytes = Buffer.from(await image.arrayBuffer());
    if (!image.ok || !image.headers.get("content-type")?.startsWith("image/") || bytes.length < 1000)
      throw new Error(
        `the output ${done.outputs[0]} answered ${image.status} ${image.headers.get("content-type")}, ${bytes.length} bytes`,
      );
    console.info(
      `one generation on the local engine: ${bytes.length} bytes of ${image.headers.get("content-type")} after ${seconds(submitted)}`,
    );
  } finally {
    if (server.exitCode === null) process.kill(-server.pid!, "SIGTERM");
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`smoke test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
