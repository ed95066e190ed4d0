import { spawn } from "node:child_process";
import path from "node:path";
import { serverEnv } from "./server-env";

const ROOT = path.resolve(__dirname, "..");

export type ScriptRun = { code: number | null; output: string; startedAt: number; endedAt: number };

/**
 * `npm run backup -- <folder>` or `npm run restore -- <folder>`, as an operator runs it, with exactly
 * `env` (DATA_DIR and whatever else the server has) and nothing of the caller's own environment.
 */
export function runOperatorScript(script: "backup" | "restore", folder: string, env: Record<string, string>): Promise<ScriptRun> {
  const startedAt = Date.now();
  const child = spawn("npm", ["run", "--silent", script, "--", folder], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output, startedAt, endedAt: Date.now() }));
  });
}
