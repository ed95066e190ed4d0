import { randomBytes } from "node:crypto";
import { PostgresEarlyDeliveries } from "@/lib/db/postgres/postgres-early-deliveries";
import { PostgresWorkClaims } from "@/lib/db/postgres/postgres-work-claims";
import type { Engine } from "@/lib/engines/types";
import { PostgresEventBus } from "@/lib/events/postgres-event-bus";
import type { PredictionStores } from "@/lib/predictions/build";
import { PostgresRunQueue } from "@/lib/runs/postgres-run-queue";
import type { BlobStore } from "@/lib/storage/blob-store";
import { createTestPredictions, type TestTrackerConfig } from "./harness";
import { freshPostgres, openTestPostgresStores } from "./postgres";
import { scaleS3Store } from "./s3";

/** What the instances of one test cluster share: a fresh schema, an event channel, and a folder of the bucket. */
export function freshCluster() {
  const tag = randomBytes(6).toString("hex");
  return { postgres: freshPostgres(), channel: `kontext_${tag}`, s3Prefix: `cluster-${tag}/` };
}

export type TestCluster = ReturnType<typeof freshCluster>;

/** The cluster's folder of the bucket for one kind of object, as an instance's store of it. */
export const clusterBlobs = (cluster: TestCluster, folder: string) => scaleS3Store(`${cluster.s3Prefix}${folder}/`);

/**
 * One instance of a test cluster, wired as `openPostgresStores` and `openS3Stores` wire a server:
 * records, claims, the shared line and events on PostgreSQL, every kind of file in S3, the upstream
 * key's places shared. Its services as the harness builds them; `close` stops it.
 */
export async function openClusterInstance(
  cluster: TestCluster,
  owner: string,
  engine: Engine,
  options: { config?: TestTrackerConfig; leaseMs?: number; wrapBlobs?: (blobs: BlobStore) => BlobStore } = {},
) {
  const leaseMs = options.leaseMs ?? 10_000;
  const records = await openTestPostgresStores(cluster.postgres, owner, leaseMs);
  const { db, predictions: repo } = records;
  const events = await PostgresEventBus.open({
    connectionString: cluster.postgres.connectionString,
    channel: cluster.channel,
    pool: db.pool,
    load: (id) => repo.get(id),
  });
  const stores: PredictionStores = {
    ...records,
    repo,
    events,
    blobs: clusterBlobs(cluster, "images"),
    inputBlobs: clusterBlobs(cluster, "inputs"),
    thumbnailBlobs: clusterBlobs(cluster, "thumbs"),
    gridBlobs: clusterBlobs(cluster, "grids"),
    cardBlobs: clusterBlobs(cluster, "cards"),
    location: "the test bucket",
    claims: new PostgresWorkClaims(db, { owner, leaseMs }),
    early: new PostgresEarlyDeliveries(db),
    queue: new PostgresRunQueue(db, repo, { owner, leaseMs, placeKey: "test-key" }),
  };
  const made = createTestPredictions(engine, { stores, config: options.config, wrapBlobs: options.wrapBlobs });
  return { ...made, close: () => made.service.close() };
}

export type ClusterInstance = Awaited<ReturnType<typeof openClusterInstance>>;
