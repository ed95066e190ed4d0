import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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

/**
 * Real PostgreSQL and Swift (S3 API) on loopback, started by the project's script and stopped by
 * the pids it recorded. Servers already given in the environment are used as they are.
 */
export function startScaleServices(): ScaleServices {
  const given = readEnv(process.env);
  if (given) return { env: given, stop: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-scale-"));
  try {
    execFileSync("bash", [SCRIPT, "start", dir], { stdio: ["ignore", "ignore", "inherit"] });
  } catch (error) {
    throw new Error(
      `Could not start PostgreSQL and Swift (${String(error)}). They come from Debian's packages: ` +
        "run `scripts/scale-services.sh install` as root, or set DATABASE_URL and S3_* to servers of your own.",
    );
  }
  const env = readEnv(parseEnvFile(fs.readFileSync(path.join(dir, "env"), "utf8")));
  if (!env) throw new Error(`scripts/scale-services.sh wrote an incomplete ${dir}/env`);
  return { env, stop: () => execFileSync("bash", [SCRIPT, "stop", dir], { stdio: "inherit" }) };
}

function parseEnvFile(text: string): Record<string, string> {
  const pairs = text.split("\n").map((line) => /^export (\w+)=(.*)$/.exec(line.trim()));
  return Object.fromEntries(pairs.filter((match) => match !== null).map((match) => [match[1], match[2]]));
}

const KEYS = [
  "DATABASE_URL",
  "S3_ENDPOINT",
  "S3_BUCKET",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_REGION",
  "S3_FORCE_PATH_STYLE",
] as const;

function readEnv(source: Record<string, string | undefined>): ScaleEnv | undefined {
  const values = KEYS.map((key) => source[key]);
  if (values.some((value) => !value)) return undefined;
  return Object.fromEntries(KEYS.map((key, index) => [key, values[index]])) as ScaleEnv;
}
