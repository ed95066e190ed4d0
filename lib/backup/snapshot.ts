import fs from "node:fs";
import Database from "better-sqlite3";
import { type InputImage, inputFileName } from "../domain";
import type { BackupCounts } from "./manifest";

/** One step of SQLite's backup copies every page: one consistent read of the live database, which writers do not wait for (WAL). */
const ALL_PAGES = 2 ** 31 - 1;

/** A copy of the live database by SQLite's online backup API (never a file copy): consistent while the server writes. */
export async function snapshotDatabase(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}: is DATA_DIR set as the server has it?`);
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    await live.backup(target, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }
}

/** What the snapshot names, by the key each blob folder's files start with. */
export type SnapshotKeys = {
  runs: Set<string>;
  sweeps: Set<string>;
  inputs: Set<string>;
  /** Each output's file (its key in the images folder) and its run. */
  outputs: { run: string; file: string }[];
  /** Each input picture's file (its key in the inputs folder), by hash. */
  inputFiles: Map<string, string>;
};

/** The snapshot, opened to read what it names and to drop what vanished while the files were copied. */
export class Snapshot {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    // Deleting a run takes its outputs, inputs' links and deliveries with it, as in the live database.
    this.db.pragma("foreign_keys = ON");
  }

  keys(): SnapshotKeys {
    const column = (sql: string) => new Set((this.db.prepare(sql).pluck().all() as string[]) ?? []);
    const inputs = this.db.prepare("SELECT sha256, content_type AS contentType FROM input_images").all() as Pick<
      InputImage,
      "sha256" | "contentType"
    >[];
    return {
      runs: column("SELECT id FROM predictions"),
      sweeps: column("SELECT id FROM sweeps"),
      inputs: new Set(inputs.map((input) => input.sha256)),
      outputs: this.db.prepare("SELECT prediction_id AS run, file FROM prediction_outputs").all() as SnapshotKeys["outputs"],
      inputFiles: new Map(inputs.map((input) => [input.sha256, `${input.sha256}/${inputFileName(input)}`])),
    };
  }

  /**
   * Runs (and input pictures) whose files were deleted between the database's copy and the files'
   * copy go from the snapshot too, as if the delete had come first: the backup holds every run it
   * names, whole.
   */
  drop(vanished: { runs: string[]; inputs: string[] }): void {
    const removeRun = this.db.prepare("DELETE FROM predictions WHERE id = ?");
    const runsUsing = this.db.prepare("SELECT prediction_id FROM prediction_inputs WHERE sha256 = ?").pluck();
    this.db.transaction(() => {
      for (const sha of vanished.inputs) {
        for (const run of runsUsing.all(sha) as string[]) removeRun.run(run);
        this.db.prepare("DELETE FROM media_uploads WHERE sha256 = ?").run(sha);
        this.db.prepare("DELETE FROM input_images WHERE sha256 = ?").run(sha);
      }
      for (const run of vanished.runs) removeRun.run(run);
    })();
  }

  counts(): Omit<BackupCounts, "files" | "bytes"> {
    const count = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    return {
      runs: count("SELECT COUNT(*) FROM predictions"),
      completed: count("SELECT COUNT(*) FROM predictions WHERE status = 'completed'"),
      notes: count("SELECT COUNT(*) FROM predictions WHERE note <> ''"),
      starred: count("SELECT COUNT(*) FROM prediction_outputs WHERE starred = 1"),
      lineageLinks: count("SELECT COUNT(*) FROM predictions WHERE parent_id IS NOT NULL"),
      sweeps: count("SELECT COUNT(*) FROM sweeps"),
      outputs: count("SELECT COUNT(*) FROM prediction_outputs"),
      inputs: count("SELECT COUNT(*) FROM input_images"),
    };
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  /** One self-contained file: the backup's copy carries the live database's WAL mode, which would need side files. */
  close(): void {
    this.db.pragma("journal_mode = DELETE");
    this.db.close();
  }
}
