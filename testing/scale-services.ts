import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverEnv } from "./server-env";

const SCRIPT = path.resolve(__dirname, "../scripts/scale-services.sh");

/** The variables the playground reads to pick Postgres and S3 (as scripts/scale-services.sh writes them). */
export type ScaleEnv = {
  DATABASE_URL: string;
  S3_ENDPOINT: string;
  S3_BUCKET: string;
  S3_ACCESS_KEY_ID: string;
  S3_SECRET_ACCESS_KEY: string;
  S3_REGION: string;
  S3_FORCE_PATH_STYLE: string;
};

export type ScaleServices = { env: ScaleEnv; stop: () => void };

const REQUIRED = ["DATABASE_URL", "S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
const DEFAULTS = { S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: "1" };

/**
 * Real PostgreSQL and Swift (S3 API) on loopback, started by the project's script as the current
 * user and stopped by the pids it recorded; its folder goes with them. Servers of one's own are
 * named by SCALE_DATABASE_URL and SCALE_S3_*, never by the variables the playground itself reads,
 * so a developer's DATABASE_URL is never taken over by a test.
 */
export function startScaleServices(from: Record<string, string | undefined> = process.env): ScaleServices {
  const given = givenServers(from);
  if (given) return { env: given, stop: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-scale-"));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // A clean environment here too: PostgreSQL's tools read PG* variables a developer may have set.
  const run = (command: "start" | "stop") =>
    spawnSync("bash", [SCRIPT, command, dir], { env: serverEnv({}), stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const started = run("start");
  if (started.status !== 0) {
    remove();
    const why = started.stderr.trim() || String(started.error ?? `exit status ${started.status}`);
    throw new Error(
      `Could not start PostgreSQL and Swift for the scale-out tests (scripts/scale-services.sh start):\n${why}\n` +
        "Or name servers of your own with SCALE_DATABASE_URL and SCALE_S3_ENDPOINT, SCALE_S3_BUCKET, " +
        "SCALE_S3_ACCESS_KEY_ID, SCALE_S3_SECRET_ACCESS_KEY (see docs/TESTING.md).",
    );
  }
  const stop = () => {
    const stopped = run("stop");
    if (stopped.status !== 0) throw new Error(`scripts/scale-services.sh stop ${dir} failed:\n${stopped.stderr}`);
    remove();
  };
  const env = pick(parseEnvFile(fs.readFileSync(path.join(dir, "env"), "utf8")), "");
  if (REQUIRED.some((key) => !env[key])) {
    stop();
    throw new Error("scripts/scale-services.sh start wrote an incomplete env file");
  }
  return { env: { ...DEFAULTS, ...env } as ScaleEnv, stop };
}

/** SCALE_DATABASE_URL and SCALE_S3_*: all of the required ones, or none. */
function givenServers(from: Record<string, string | undefined>): ScaleEnv | undefined {
  const given = pick(from, "SCALE_");
  const missing = REQUIRED.filter((key) => !given[key]);
  if (missing.length === REQUIRED.length) return undefined;
  if (missing.length > 0)
    throw new Error(`Servers of your own for the scale-out tests also need ${missing.map((key) => `SCALE_${key}`).join(", ")}`);
  return { ...DEFAULTS, ...given } as ScaleEnv;
}

const KEYS = [...REQUIRED, ...(Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>)];

/** The set values of ScaleEnv's keys, each read as `prefix` + key. */
function pick(source: Record<string, string | undefined>, prefix: string): Partial<ScaleEnv> {
  return Object.fromEntries(KEYS.flatMap((key) => (source[prefix + key] ? [[key, source[prefix + key]]] : [])));
}

function parseEnvFile(text: string): Record<string, string> {
  const pairs = text.split("\n").map((line) => /^export (\w+)=(.*)$/.exec(line.trim()));
  return Object.fromEntries(pairs.filter((match) => match !== null).map((match) => [match[1], match[2]]));
}
