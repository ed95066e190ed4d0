import "server-only";
import fs from "node:fs/promises";
import { isStopping } from "./stopping";

/** Why an instance is not ready: stopping, migrating its database, or a store it cannot reach. */
export type NotReadyReason = "stopping" | "migrating" | "database" | "storage";

export type ReadinessProbe = { reason: "database" | "storage"; check: () => Promise<unknown> };

/** Longest a probe may take: a store that answers slower than this is as good as unreachable. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether this instance should get traffic (/api/ready), beside liveness (/api/health): not while it
 * stops, not while its database migrates, and not while the database or the file storage cannot be
 * reached. Each check is a cheap read (a row by key, an object's head).
 */
export class Readiness {
  private readonly migrations: Promise<"done" | "failed">;

  constructor(private readonly deps: { migrations: Promise<void>; probes: ReadinessProbe[]; timeoutMs?: number }) {
    this.migrations = deps.migrations.then(
      () => "done" as const,
      () => "failed" as const,
    );
  }

  async check(): Promise<{ ready: boolean; reasons: NotReadyReason[] }> {
    const reasons: NotReadyReason[] = [];
    if (isStopping()) reasons.push("stopping");
    // A settled migration answers before the next turn of the event loop; one still running does not.
    const migration = await Promise.race([
      this.migrations,
      new Promise<"running">((resolve) => setImmediate(resolve, "running")),
    ]);
    if (migration === "failed") reasons.push("database");
    if (migration === "running") reasons.push("migrating");
    const probes = this.deps.probes.filter((probe) => migration === "done" || probe.reason !== "database");
    const failed = await Promise.all(probes.map((probe) => this.fails(probe)));
    for (const [index, probe] of probes.entries())
      if (failed[index] && !reasons.includes(probe.reason)) reasons.push(probe.reason);
    return { ready: reasons.length === 0, reasons };
  }

  private async fails(probe: ReadinessProbe): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), this.deps.timeoutMs ?? PROBE_TIMEOUT_MS);
    });
    const answered = probe.check().then(
      () => false,
      () => true,
    );
    const failed = await Promise.race([answered, late]);
    clearTimeout(timer);
    return failed;
  }
}

/** A key nothing is stored under: reading it costs one lookup by key and finds nothing. */
const PROBE_KEY = "readiness-probe";

/**
 * The probes of the stores: a row read by key from the database, and an object's head from the file
 * storage (and, on disk, that DATA_DIR is still there to write to).
 */
export function storeProbes(stores: {
  repo: { getState(id: string): Promise<unknown> };
  blobs: { head(key: string): Promise<unknown> };
  /** DATA_DIR, when the files are on this machine's disk. */
  dataDir?: string;
}): ReadinessProbe[] {
  const { dataDir } = stores;
  return [
    { reason: "database", check: () => stores.repo.getState(PROBE_KEY) },
    {
      reason: "storage",
      check: async () => {
        if (dataDir) await fs.access(dataDir, fs.constants.W_OK);
        await stores.blobs.head(`${PROBE_KEY}/none`);
      },
    },
  ];
}
