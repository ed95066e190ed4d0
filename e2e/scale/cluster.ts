import { randomBytes } from "node:crypto";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import pg from "pg";
import { predictionEnvelopeSchema } from "@/lib/contract";
import { type FakeWavespeed, startFakeWavespeed } from "@/testing/fake-wavespeed/server";
import { E2E_PORTS, FAKE_API_KEY } from "@/testing/ports";
import { type ScaleServices, startScaleServices } from "@/testing/scale-services";
import { type ServerProcess, startPlayground } from "@/testing/server-process";
import { peakUnfinished } from "@/testing/upstream-peak";

export const SUBMIT = "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image";
/** Short, so the takeover specs finish quickly; the README's default is 10 s. */
export const LEASE_MS = 3_000;

export type Cluster = {
  a: ServerProcess;
  b: ServerProcess;
  fake: FakeWavespeed;
  services: ScaleServices;
  databaseUrl: string;
  /** Prediction ids with objects in the bucket's images/ or thumbs/ folder of this run. */
  objectsOf: (folder: "images" | "thumbs") => Promise<string[]>;
  /** Starts instance A (or B) again (after a kill), with these variables changed. */
  restartA: (overrides: Record<string, string>) => Promise<ServerProcess>;
  restartB: (overrides: Record<string, string>) => Promise<ServerProcess>;
  stop: () => Promise<void>;
};

/**
 * Real PostgreSQL and Swift (s3api) from the project's script, a fresh database, the fake upstream
 * with WaveSpeed's concurrency limit of 3, and two instances of the one build (server.ts),
 * started at the same moment on the empty database.
 */
export async function startCluster(): Promise<Cluster> {
  const services = startScaleServices();
  const stops: Array<() => Promise<void> | void> = [() => services.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await Promise.resolve(step()).catch(() => {});
  };
  try {
    const database = `scale_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client(services.env.DATABASE_URL);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const databaseUrl = services.env.DATABASE_URL.replace(/\/[^/]+$/, `/${database}`);
    const fake = await startFakeWavespeed({ port: E2E_PORTS.scaleUpstream, concurrencyLimit: 3, defaultDurationMs: 1500 });
    stops.push(() => fake.close());
    const prefix = `${database}/`;
    const env = {
      ...services.env,
      KONTEXT_ENGINE: "wavespeed",
      WAVESPEED_API_KEY: FAKE_API_KEY,
      WAVESPEED_BASE_URL: fake.url,
      WAVESPEED_WEBHOOKS: "off",
      SUBMITS_PER_MINUTE: "10000",
      DATABASE_URL: databaseUrl,
      CLAIM_LEASE_MS: String(LEASE_MS),
      // One signing secret for every instance; the receivers in the specs listen on loopback.
      WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
      WEBHOOK_ALLOW_PRIVATE: "1",
      // This run's own folder of the bucket.
      S3_KEY_PREFIX: prefix,
    };
    const instance = (name: "scaleA" | "scaleB", overrides: Record<string, string> = {}) =>
      startPlayground({
        port: E2E_PORTS[name],
        env: { ...env, DATA_DIR: path.join(process.env.E2E_DATA_ROOT!, `${database}-${name}`), ...overrides },
      });
    const [a, b] = await Promise.all([instance("scaleA"), instance("scaleB")]);
    stops.push(
      () => cluster.a.stop("SIGKILL"),
      () => cluster.b.stop("SIGKILL"),
    );
    const s3 = new S3Client({
      endpoint: services.env.S3_ENDPOINT,
      region: services.env.S3_REGION,
      forcePathStyle: services.env.S3_FORCE_PATH_STYLE === "1",
      credentials: { accessKeyId: services.env.S3_ACCESS_KEY_ID, secretAccessKey: services.env.S3_SECRET_ACCESS_KEY },
    });
    const objectsOf = async (folder: string) => {
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: services.env.S3_BUCKET, Prefix: `${prefix}${folder}/`, Delimiter: "/" }),
      );
      return (listed.CommonPrefixes ?? []).map((common) => common.Prefix!.slice(`${prefix}${folder}/`.length, -1));
    };
    const cluster: Cluster = {
      a,
      b,
      fake,
      services,
      databaseUrl,
      objectsOf,
      stop,
      restartA: async (overrides) => {
        cluster.a = await instance("scaleA", overrides);
        return cluster.a;
      },
      restartB: async (overrides) => {
        cluster.b = await instance("scaleB", overrides);
        return cluster.b;
      },
    };
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function submit(url: string, prompt: string, body: object = {}) {
  const response = await fetch(url + SUBMIT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, ...body }),
  });
  return predictionEnvelopeSchema.parse(await response.json()).data;
}

export async function result(url: string, id: string) {
  return predictionEnvelopeSchema.parse(await (await fetch(`${url}/api/v3/predictions/${id}/result`)).json()).data;
}

/** The most tasks the fake had unfinished at any one moment. */
export const mostAtOnce = (fake: FakeWavespeed) => peakUnfinished([...fake.tasks.values()]);
