import "server-only";
import type { Db } from "./client";
import type { UpstreamImageRepo } from "./input-image-repo";
import { StatementCache } from "./statements";

/** UpstreamImageRepo on SQLite, in the predictions' database. */
export class SqliteUpstreamImageRepo implements UpstreamImageRepo {
  private readonly statements: StatementCache;

  constructor(db: Db) {
    this.statements = new StatementCache(db);
  }

  async find(sha256: string, now: string): Promise<string | undefined> {
    const row = this.statements.get(`SELECT url FROM upstream_images WHERE sha256 = ? AND expires_at > ?`).get(sha256, now) as
      | { url: string }
      | undefined;
    return row?.url;
  }

  async remember(sha256: string, url: string, expiresAt: string): Promise<void> {
    // The copy that lasts longest is the one worth keeping.
    this.statements
      .get(
        `INSERT INTO upstream_images (sha256, url, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (sha256) DO UPDATE SET url = excluded.url, expires_at = excluded.expires_at
         WHERE excluded.expires_at > upstream_images.expires_at`,
      )
      .run(sha256, url, expiresAt);
  }
}
