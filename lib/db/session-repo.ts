/** A signed-in owner's session as the server keeps it: the sealed cookie carries only its id. */
export type NewSession = { id: string; createdAt: string; expiresAt: string };

/**
 * Sessions the server can end. A session counts only while its row says so: recorded at sign-in,
 * not revoked, not past its expiry. Revoking stamps `revoked_at` (the record stays until the
 * session would have expired anyway, then goes). SQLite (sqlite-session-repo.ts) and PostgreSQL
 * (postgres/postgres-session-repo.ts) share these statements; both pass
 * testing/contracts/session-repo.ts.
 */
export interface SessionRepo {
  create(session: NewSession): Promise<void>;
  /** Whether the session is live at `now`: recorded, not revoked, not expired. */
  isLive(id: string, now: string): Promise<boolean>;
  /** Ends one session (sign-out); false when it was not live. */
  revoke(id: string, now: string): Promise<boolean>;
  /** Ends every live session (sign out everywhere); how many were live. */
  revokeAll(now: string): Promise<number>;
  /** Forgets sessions past their expiry, revoked or not; how many. */
  removeExpired(now: string): Promise<number>;
}

/** The statements both dialects run, with `@name` parameters. */
export const SESSION_SQL = {
  create: "INSERT INTO sessions (id, created_at, expires_at) VALUES (@id, @createdAt, @expiresAt)",
  isLive: "SELECT 1 AS live FROM sessions WHERE id = @id AND revoked_at IS NULL AND expires_at > @now",
  revoke: "UPDATE sessions SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL AND expires_at > @now",
  revokeAll: "UPDATE sessions SET revoked_at = @now WHERE revoked_at IS NULL AND expires_at > @now",
  removeExpired: "DELETE FROM sessions WHERE expires_at <= @now",
} as const;
