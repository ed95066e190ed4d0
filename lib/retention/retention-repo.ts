/**
 * What retention and the storage figures read from the records. SQLite (sqlite-retention-repo.ts)
 * and PostgreSQL (postgres-retention-repo.ts) share the statements (retention-sql.ts) and the
 * contract suite (testing/contracts/retention-repo.ts).
 */
export interface RetentionRepo {
  /**
   * Finished runs made before `before` (ISO time) that no rule keeps, oldest first, at most `limit`.
   * Kept: a starred run, a run with a note, and every ancestor of a run that is kept for any reason
   * (one of those, or one still running or younger than `before`).
   */
  expired(before: string, limit: number): Promise<string[]>;
  /** Of the finished runs made before `before`: how many have expired, and how many the rules keep. */
  outlook(before: string): Promise<{ expired: number; kept: number }>;
  /** Bytes of the images and input pictures the records name: what a bucket holds for them. */
  recordedBytes(): Promise<number>;
}
