import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_PORTS } from "@/testing/ports";
import { type ScaleServices, startScaleServices } from "@/testing/scale-services";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { startTcpRelay } from "@/testing/tcp-relay";

/** The advisory lock every instance takes before it migrates (lib/db/postgres/db.ts). */
const MIGRATION_LOCK = 7_150_331;

let services: ScaleServices | undefined;
let server: ServerProcess | undefined;
const closers: Array<() => Promise<void>> = [];
test.afterAll(async () => {
  await server?.stop("SIGKILL");
  for (const close of closers.reverse()) await close().catch(() => {});
  services?.stop();
});

const ready = async (url: string) => {
  const response = await fetch(`${url}/api/ready`);
  return { status: response.status, ...((await response.json()) as { ready: boolean; reasons: string[] }) };
};

test("on PostgreSQL and S3, /api/ready answers 503 while migrations run, and while the database or the bucket cannot be reached", async () => {
  test.setTimeout(240_000);
  services = startScaleServices();
  const database = `ready_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client(services.env.DATABASE_URL);
  await admin.connect();
  closers.push(() => admin.end());
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(services.env.DATABASE_URL.replace(/\/[^/]+$/, `/${database}`));
  const s3 = new URL(services.env.S3_ENDPOINT);

  // The server reaches both through relays the test can cut, as a network would fail.
  const pgRelay = await startTcpRelay({ host: databaseUrl.hostname, port: Number(databaseUrl.port) });
  const s3Relay = await startTcpRelay({ host: s3.hostname, port: Number(s3.port) });
  closers.push(pgRelay.close, s3Relay.close);
  const relayed = (url: URL, port: number) => Object.assign(new URL(url), { hostname: "127.0.0.1", port: String(port) });

  // Another instance holds the migration lock: this one waits its turn to migrate.
  const holder = new pg.Client(databaseUrl.toString());
  await holder.connect();
  closers.push(() => holder.end());
  await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);

  server = await startPlayground({
    port: E2E_PORTS.scaleReady,
    env: {
      ...services.env,
      KONTEXT_ENGINE: "local",
      DATABASE_URL: relayed(databaseUrl, pgRelay.port).toString(),
      S3_ENDPOINT: relayed(s3, s3Relay.port).toString().replace(/\/$/, ""),
      S3_KEY_PREFIX: `${database}/`,
      DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, database),
    },
  });
  const { url } = server;
  expect(await ready(url)).toEqual({ status: 503, ready: false, reasons: ["migrating"] });
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  await holder.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  await expect.poll(() => ready(url), { timeout: 30_000 }).toEqual({ status: 200, ready: true, reasons: [] });

  await pgRelay.cut();
  await expect.poll(() => ready(url), { timeout: 30_000 }).toEqual({ status: 503, ready: false, reasons: ["database"] });
  await pgRelay.restore();
  await expect.poll(() => ready(url), { timeout: 30_000 }).toEqual({ status: 200, ready: true, reasons: [] });

  await s3Relay.cut();
  await expect.poll(() => ready(url), { timeout: 30_000 }).toEqual({ status: 503, ready: false, reasons: ["storage"] });
  await s3Relay.restore();
  await expect.poll(() => ready(url), { timeout: 30_000 }).toEqual({ status: 200, ready: true, reasons: [] });
});
