import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { rawRequest } from "./http-client";
import { serverEnv } from "./server-env";

const ROOT = path.resolve(__dirname, "..");

export type ServerProcess = {
  url: string;
  process: ChildProcess;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
};

/**
 * Starts the built playground through its front door (server.ts, as `npm start` does) on loopback,
 * and waits for its health route. `env` is all it is configured with: nothing of the caller's own
 * environment reaches it.
 * `host`: the Host header to ask for it with; by default PUBLIC_URL's, the only host such a playground answers to.
 */
export async function startPlayground(options: {
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
  host?: string;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const host = options.host ?? (options.env.PUBLIC_URL ? new URL(options.env.PUBLIC_URL).host : undefined);
  // node runs the server directly, so `process.pid` is the server itself (for RSS sampling).
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts", "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: serverEnv({ ...options.env, PORT: String(options.port) }),
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
      const headers: Record<string, string> = host ? { host } : {};
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
