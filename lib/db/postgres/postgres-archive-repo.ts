import "server-only";
import { type ArchiveImportResult, type ArchiveRepo, type ArchiveRows, byId, type ImportFiles } from "../archive-repo";
import { INSERT_OUTPUT, INSERT_PREDICTION, inputStatements, outputParams, predictionParams } from "../prediction-rows";
import { INSERT_SWEEP, sweepParams } from "../sweep-rows";
import { type PostgresDb, positional } from "./db";

/**
 * ArchiveRepo on PostgreSQL: one transaction for the whole import, input images of edits included,
 * as on SQLite. A run row inserted and not yet committed holds its id: another import inserting the
 * same id waits for this transaction, then skips it. So the files are written inside the
 * transaction, after the rows, and removed there if writing them fails.
 */
export class PostgresArchiveRepo implements ArchiveRepo {
  constructor(private readonly db: PostgresDb) {}

  importRows(rows: ArchiveRows, files: ImportFiles): Promise<ArchiveImportResult> {
    return this.db.transaction(async (client) => {
      const result: ArchiveImportResult = { sweeps: [], predictions: [] };
      for (const record of byId(rows.sweeps)) {
        const { rowCount } = await client.query(
          ...positional(`${INSERT_SWEEP} ON CONFLICT (id) DO NOTHING`, sweepParams(record)),
        );
        if (rowCount) result.sweeps.push(record.id);
      }
      for (const record of byId(rows.predictions)) {
        const inserted = await client.query(
          ...positional(`${INSERT_PREDICTION} ON CONFLICT (id) DO NOTHING`, predictionParams(record)),
        );
        if (!inserted.rowCount) continue;
        for (const stored of record.outputs) await client.query(...positional(INSERT_OUTPUT, outputParams(record.id, stored)));
        for (const [sql, params] of inputStatements(record)) await client.query(...positional(sql, params));
        result.predictions.push(record.id);
      }
      try {
        await files.write(result.predictions);
      } catch (error) {
        await files.remove(result.predictions);
        throw error;
      }
      return result;
    });
  }
}
