import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { type ServerProcess, startPlayground } from "../../testing/server-process";
import { ROOT, type ScenarioContext, sleep, waitFor } from "./scenario";

/** The benchmarks' own build, so they never clash with the test build in .next. */
export const BENCH_DIST_DIR = ".next-bench";
/** A made-up key: the fake accepts only it, and a real key is never needed. */
export const FAKE_KEY = "ws-bench-key-7c41e9a0";

const STOP_GRACE_MS = 5_000;

/** run.sh kills any group still alive from this list after each scenario, in case we were killed hard. */
export function rememberGroup(pid: number | undefined) {
  const file = process.env.BENCH_PIDFILE;
  if (file && pid) fs.appendFileSync(file, `${pid}\n`);
}

export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () => reject(new Error(`port ${port} on 127.0.0.1 is busy; stop whatever uses it and run again`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

/** What every bench playground runs with; startPlayground passes nothing of the developer's own environment. */
const BENCH_ENV = {
  WAVESPEED_WEBHOOKS: "off",
  LOG_LEVEL: "warn",
  // The scenarios submit hundreds a second from one address and hold hundreds in the queue on purpose.
  SUBMITS_PER_MINUTE: "1000000",
  MAX_QUEUED: "1000000",
};

export type Playground = ServerProcess & { pid: number };

/** `next start` from the bench build, on 127.0.0.1, with its own data folder. */
export async function startBenchPlayground(ctx: ScenarioContext, port: number, env: Record<string, string>): Promise<Playground> {
  await assertPortFree(port);
  const server = await startPlayground({
    port,
    env: { ...BENCH_ENV, NEXT_DIST_DIR: BENCH_DIST_DIR, ...env },
    timeoutMs: 60_000,
  });
  rememberGroup(server.process.pid);
  ctx.onCleanup(() => stopWithGrace(server.stop));
  return { ...server, pid: server.process.pid! };
}

async function stopWithGrace(stop: (signal?: NodeJS.Signals) => Promise<void>) {
  const graceful = stop("SIGTERM");
  const done = await Promise.race([graceful.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!done) await stop("SIGKILL");
}

export type Fake = {
  url: string;
  control(patch: Record<string, unknown>): Promise<void>;
  tasks(prompt: string): Promise<FakeTaskView[]>;
  requests(query: Record<string, string>): Promise<FakeRequest[]>;
  webhooks(): Promise<Array<{ taskId: string; time: number; status?: number; error?: string }>>;
};
export type FakeTaskView = { id: string; prompt: string; createdAt: number; completedAt: number; status: string; polls: number };
export type FakeRequest = { method: string; path: string; time: number; prompt?: string; taskId?: string };

/** The fake WaveSpeed server (testing/fake-wavespeed) in a process of its own. */
export async function startFake(ctx: ScenarioContext, port: number, options: { durationMs: number }): Promise<Fake> {
  await assertPortFree(port);
  const cli = path.join(ROOT, "testing/fake-wavespeed/cli.ts");
  const args = ["--import", "tsx", cli, "--port", String(port), "--api-key", FAKE_KEY, "--duration", String(options.durationMs)];
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  rememberGroup(child.pid);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  ctx.onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const done = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!done) process.kill(-child.pid!, "SIGKILL");
  });

  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    "the fake upstream",
    async () => {
      if (child.exitCode !== null) throw new Error(`fake upstream exited early:\n${output}`);
      return (await fetch(`${url}/__health`)).ok || undefined;
    },
    30_000,
    100,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });

  const get = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(`${url}${pathAndQuery}`);
    if (!response.ok) throw new Error(`fake ${pathAndQuery} answered ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    url,
    async control(patch) {
      const response = await fetch(`${url}/__control`, { method: "POST", body: JSON.stringify(patch) });
      if (!response.ok) throw new Error(`fake /__control answered ${response.status}: ${await response.text()}`);
    },
    tasks: (prompt) => get(`/__tasks?prompt=${encodeURIComponent(prompt)}`),
    requests: (query) => get(`/__requests?${new URLSearchParams(query)}`),
    webhooks: () => get(`/__webhooks`),
  };
}

/** The environment of a playground that talks to the fake. */
export const wavespeedEnv = (fake: Fake, extra: Record<string, string> = {}) => ({
  KONTEXT_ENGINE: "wavespeed",
  WAVESPEED_API_KEY: FAKE_KEY,
  WAVESPEED_BASE_URL: fake.url,
  ...extra,
});

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${init?.method ?? "GET"} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

export const postJson = <T>(url: string, body: unknown) =>
  getJson<T>(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** Resident set of one process, from /proc (Linux); undefined where unavailable. */
export function rssOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMsOf(pid: number): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const ticksPerSecond = 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
