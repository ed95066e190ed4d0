import "server-only";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import { perMinuteInPostgres } from "./access/limiter";
import { PostgresDb } from "./db/postgres/db";
import { PostgresArchiveRepo } from "./db/postgres/postgres-archive-repo";
import { PostgresEarlyDeliveries } from "./db/postgres/postgres-early-deliveries";
import { PostgresInputImageRepo, PostgresUpstreamImageRepo } from "./db/postgres/postgres-input-image-repo";
import { PostgresPredictionRepo } from "./db/postgres/postgres-prediction-repo";
import { PostgresSessionRepo } from "./db/postgres/postgres-session-repo";
import { PostgresSweepRepo } from "./db/postgres/postgres-sweep-repo";
import { PostgresWebhookDeliveryRepo } from "./db/postgres/postgres-webhook-delivery-repo";
import { PostgresWorkClaims } from "./db/postgres/postgres-work-claims";
import type { FileStores, RecordStores } from "./embedded-stores";
import type { Env } from "./env";
import { PostgresEventBus } from "./events/postgres-event-bus";
import { PostgresRunQueue } from "./runs/postgres-run-queue";
import { S3BlobStore } from "./storage/s3-blob-store";

/** One channel per database: every instance on it hears every other. */
const EVENT_CHANNEL = "kontext_predictions";

/** This process's name in claims: unique per start, readable in the table. */
const instanceName = () => `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;

/**
 * Predictions, sweeps, deliveries, claims, the line runs wait in, and events on PostgreSQL
 * (DATABASE_URL), for several instances sharing the work. Also the rate-limit counters, so limits
 * hold across instances.
 */
export function openPostgresStores(env: Env) {
  const db = new PostgresDb({ connectionString: env.DATABASE_URL! });
  const identity = { owner: instanceName(), leaseMs: env.CLAIM_LEASE_MS };
  const repo = new PostgresPredictionRepo(db, identity);
  // The upstream's concurrency limit belongs to the WaveSpeed key: every instance using it shares it.
  const placeKey =
    env.KONTEXT_ENGINE === "wavespeed" && env.WAVESPEED_API_KEY
      ? createHash("sha256").update(env.WAVESPEED_API_KEY).digest("hex").slice(0, 16)
      : undefined;
  const stores: RecordStores = {
    repo,
    deliveries: new PostgresWebhookDeliveryRepo(db),
    sweeps: new PostgresSweepRepo(db),
    archive: new PostgresArchiveRepo(db),
    inputs: new PostgresInputImageRepo(db),
    upstreamImages: new PostgresUpstreamImageRepo(db),
    sessions: new PostgresSessionRepo(db),
    events: PostgresEventBus.start({
      connectionString: env.DATABASE_URL!,
      channel: EVENT_CHANNEL,
      pool: db.pool,
      load: (id) => repo.get(id),
    }),
    claims: new PostgresWorkClaims(db, identity),
    queue: new PostgresRunQueue(db, repo, { ...identity, placeKey }),
    early: new PostgresEarlyDeliveries(db),
  };
  const perMinute = (points: number, name: string) => perMinuteInPostgres(points, db.poolClient, name);
  return { stores, perMinute, instance: identity.owner };
}

/** Images, input pictures, thumbnails, grids and preview cards in one S3 bucket, under prefixes named as today's folders. */
export function openS3Stores(env: Env): FileStores {
  const at = (keyPrefix: string) =>
    new S3BlobStore({
      endpoint: env.S3_ENDPOINT!,
      bucket: env.S3_BUCKET!,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      region: env.S3_REGION,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      keyPrefix: env.S3_KEY_PREFIX + keyPrefix,
    });
  return {
    location: `the S3 bucket ${env.S3_BUCKET}`,
    blobs: at("images/"),
    inputBlobs: at("inputs/"),
    thumbnailBlobs: at("thumbs/"),
    gridBlobs: at("grids/"),
    cardBlobs: at("cards/"),
  };
}
