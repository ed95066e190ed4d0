import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { openEmbeddedStores } from "@/lib/embedded-stores";
import { tempDir } from "@/testing/harness";
import { Readiness, storeProbes } from "./readiness";
import { markStopping } from "./stopping";

const settled = Promise.resolve();
const never = new Promise<void>(() => {});

describe("readiness", () => {
  it("is ready on reachable stores: a row read by key, an object's head, DATA_DIR there to write to", async () => {
    const dataDir = tempDir();
    const stores = openEmbeddedStores(dataDir);
    const readiness = new Readiness({ migrations: stores.migrations, probes: storeProbes({ ...stores, dataDir }) });
    expect(await readiness.check()).toEqual({ ready: true, reasons: [] });

    // The data folder gone from under the server (an unmounted disk): the files cannot be reached.
    fs.renameSync(dataDir, `${dataDir}-away`);
    expect(await readiness.check()).toEqual({ ready: false, reasons: ["storage"] });
    fs.renameSync(`${dataDir}-away`, dataDir);
    expect(await readiness.check()).toEqual({ ready: true, reasons: [] });
    await stores.repo.close();
  });

  it("is not ready while the database migrates, and says the database when the migration failed", async () => {
    let finish: () => void = () => {};
    const migrating = new Promise<void>((resolve) => (finish = resolve));
    const probed: string[] = [];
    const probe = (reason: "database" | "storage") => ({ reason, check: async () => void probed.push(reason) });
    const readiness = new Readiness({ migrations: migrating, probes: [probe("database"), probe("storage")] });
    expect(await readiness.check()).toEqual({ ready: false, reasons: ["migrating"] });
    // The database is not asked while it migrates: every query would wait for the migration.
    expect(probed).toEqual(["storage"]);
    finish();
    await migrating;
    expect(await readiness.check()).toEqual({ ready: true, reasons: [] });

    const failed = Promise.reject(new Error("could not connect"));
    const broken = new Readiness({ migrations: failed, probes: [probe("database")] });
    await failed.catch(() => {});
    expect(await broken.check()).toEqual({ ready: false, reasons: ["database"] });
  });

  it("names a store that fails or answers too late", async () => {
    const readiness = new Readiness({
      migrations: settled,
      probes: [
        { reason: "database", check: () => never },
        { reason: "storage", check: () => Promise.reject(new Error("connection refused")) },
      ],
      timeoutMs: 50,
    });
    expect(await readiness.check()).toEqual({ ready: false, reasons: ["database", "storage"] });
  });

  // Last: the flag is the process's, as it is in the server.
  it("is not ready once the process is stopping", async () => {
    const readiness = new Readiness({ migrations: settled, probes: [] });
    expect((await readiness.check()).ready).toBe(true);
    markStopping();
    expect(await readiness.check()).toEqual({ ready: false, reasons: ["stopping"] });
  });
});
