import type { Env } from "../env";

/**
 * On PostgreSQL or S3 the data is not in DATA_DIR: what to use instead of `npm run backup` and
 * `npm run restore` (docs/OPERATIONS.md has the commands). Undefined when everything is in DATA_DIR.
 */
export function scaledStoresAdvice(env: Pick<Env, "DATABASE_URL" | "S3_ENDPOINT" | "S3_BUCKET">): string | undefined {
  const advice: string[] = [];
  if (env.DATABASE_URL)
    advice.push(
      'The records are in PostgreSQL (DATABASE_URL): back them up with pg_dump (`pg_dump --format=custom --file=kontext.dump "$DATABASE_URL"`) and restore with pg_restore, or use the database\'s own point-in-time recovery.',
    );
  if (env.S3_ENDPOINT)
    advice.push(
      `The images are in the S3 bucket ${env.S3_BUCKET}: turn on the bucket's versioning, and replication to a second bucket or region, with your storage provider.`,
    );
  if (advice.length === 0) return undefined;
  return [...advice, "See docs/OPERATIONS.md (Backups). Nothing was written."].join("\n");
}
