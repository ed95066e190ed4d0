import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startScaleServices } from "./scale-services";
import { serverEnv, webServerEnv } from "./server-env";

/** A developer's shell with servers, secrets and switches of their own. */
const DEVELOPER = {
  PATH: "/usr/local/bin:/usr/bin:/bin",
  HOME: "/home/dev",
  LANG: "C.UTF-8",
  DATABASE_URL: "postgres://dev@db.example:5432/mine",
  S3_ENDPOINT: "https://s3.example",
  S3_BUCKET: "mine",
  S3_ACCESS_KEY_ID: "dev",
  S3_SECRET_ACCESS_KEY: "dev-secret",
  ACCESS_TOKEN: "dev-owner-token-0123456789",
  PUBLIC_URL: "https://playground.example",
  TRUST_PROXY: "1",
  WAVESPEED_API_KEY: "ws-real-key",
  NODE_ENV: "development",
} as const;
const LEAKS = Object.keys(DEVELOPER).filter((name) => !["PATH", "HOME", "LANG", "NODE_ENV"].includes(name));

/** The environment a child process really gets, spawned the way Playwright spawns a webServer. */
function childEnv(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ["-e", "process.stdout.write(JSON.stringify(process.env))"], { env });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", () => resolve(JSON.parse(out)));
  });
}

describe("test servers' environment", () => {
  it("is the machine's basics and exactly what the test gives, nothing of the developer's own", () => {
    const env = serverEnv({ KONTEXT_ENGINE: "local", DATA_DIR: "/tmp/data" }, DEVELOPER);
    expect(env).toEqual({
      PATH: DEVELOPER.PATH,
      HOME: DEVELOPER.HOME,
      LANG: DEVELOPER.LANG,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      KONTEXT_ENGINE: "local",
      DATA_DIR: "/tmp/data",
    });
  });

  it("stays clean under Playwright's webServer, which spreads the runner's environment beneath it", async () => {
    const given = webServerEnv({ KONTEXT_ENGINE: "local", SUBMITS_PER_MINUTE: "10000" }, DEVELOPER);
    const env = await childEnv({ ...DEVELOPER, ...given });
    for (const name of LEAKS) expect(env).not.toHaveProperty(name);
    expect(env).toMatchObject({
      KONTEXT_ENGINE: "local",
      SUBMITS_PER_MINUTE: "10000",
      PATH: DEVELOPER.PATH,
      NODE_ENV: "production",
    });
  });
});

describe("servers for the scale-out tests", () => {
  const own = {
    SCALE_DATABASE_URL: "postgres://ci@127.0.0.1:5433/scale",
    SCALE_S3_ENDPOINT: "http://127.0.0.1:9000",
    SCALE_S3_BUCKET: "scale",
    SCALE_S3_ACCESS_KEY_ID: "ci",
    SCALE_S3_SECRET_ACCESS_KEY: "ci-secret",
  };

  it("come from SCALE_* variables, never from the ones the playground reads", () => {
    const services = startScaleServices({ ...DEVELOPER, ...own });
    expect(services.env).toEqual({
      DATABASE_URL: own.SCALE_DATABASE_URL,
      S3_ENDPOINT: own.SCALE_S3_ENDPOINT,
      S3_BUCKET: "scale",
      S3_ACCESS_KEY_ID: "ci",
      S3_SECRET_ACCESS_KEY: "ci-secret",
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "1",
    });
  });

  it("name what is missing when only some SCALE_* variables are set", () => {
    const { SCALE_S3_BUCKET: _bucket, SCALE_S3_SECRET_ACCESS_KEY: _secret, ...partial } = own;
    expect(() => startScaleServices(partial)).toThrow("also need SCALE_S3_BUCKET, SCALE_S3_SECRET_ACCESS_KEY");
  });
});
