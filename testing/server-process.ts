import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { rawRequest } from "./http-client";
import { serverEnv } from "./server-env";

const NEXT_BIN = path.resolve(__dirname, "../node_modules/next/dist/bin/next");

export type ServerProcess = {
  url: string;
  process: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
};

/**
 * Starts the built playground (`next start`) on loopback and waits for its health route.
 * `env` is all it is configured with: nothing of the caller's own environment reaches it.
 * `host`: the Host header to ask for it with, for a playground that answers to PUBLIC_URL only.
 */
export async function startPlayground(options: {
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
  host?: string;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  // node runs next directly, so `process.pid` is the server itself (for RSS sampling).
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(options.port)], {
    env: serverEnv(options.env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    // Signal the whole group, so workers next may have started go too.
    process.kill(-child.pid!, signal);
    await exited;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`playground exited early:\n${output}`);
    try {
      const headers: Record<string, string> = options.host ? { host: options.host } : {};
      if ((await rawRequest(`${url}/api/health`, { headers })).status === 200)
        return { url, process: child, stop, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop("SIGKILL");
  throw new Error(`playground did not become healthy:\n${output}`);
}
