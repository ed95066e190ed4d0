import { describe, expect, it } from "vitest";
import type { SessionRepo } from "@/lib/db/session-repo";
import { freshStores } from "./fresh-stores";

type Opened = { repo: SessionRepo; close: () => Promise<void> };

const T0 = "2026-01-01T00:00:00.000Z";
const T1 = "2026-01-01T01:00:00.000Z";
const T2 = "2026-01-01T02:00:00.000Z";
const EXPIRES = "2026-01-31T00:00:00.000Z";
const AFTER = "2026-02-01T00:00:00.000Z";

/** What every SessionRepo must do. `open` gives a fresh, empty one. */
export function describeSessionRepoContract(name: string, open: () => Promise<Opened>) {
  describe(`SessionRepo contract: ${name}`, () => {
    const opening = freshStores(open);
    const fresh = async () => (await opening()).repo;

    it("counts a session live from sign-in until its expiry, and never one it does not know", async () => {
      const repo = await fresh();
      await repo.create({ id: "s1", createdAt: T0, expiresAt: EXPIRES });
      expect(await repo.isLive("s1", T1)).toBe(true);
      expect(await repo.isLive("s1", EXPIRES)).toBe(false);
      expect(await repo.isLive("unknown", T1)).toBe(false);
    });

    it("ends one session on revoke, once, and leaves the others", async () => {
      const repo = await fresh();
      await repo.create({ id: "s1", createdAt: T0, expiresAt: EXPIRES });
      await repo.create({ id: "s2", createdAt: T0, expiresAt: EXPIRES });
      expect(await repo.revoke("s1", T1)).toBe(true);
      expect(await repo.revoke("s1", T2)).toBe(false);
      expect(await repo.revoke("unknown", T2)).toBe(false);
      expect(await repo.isLive("s1", T2)).toBe(false);
      expect(await repo.isLive("s2", T2)).toBe(true);
    });

    it("ends every live session at once, and a session made after it lives", async () => {
      const repo = await fresh();
      for (const id of ["a", "b", "c"]) await repo.create({ id, createdAt: T0, expiresAt: EXPIRES });
      await repo.revoke("c", T0);
      expect(await repo.revokeAll(T1)).toBe(2);
      for (const id of ["a", "b", "c"]) expect(await repo.isLive(id, T1)).toBe(false);
      await repo.create({ id: "d", createdAt: T2, expiresAt: EXPIRES });
      expect(await repo.isLive("d", T2)).toBe(true);
      expect(await repo.revokeAll(AFTER)).toBe(0);
    });

    it("keeps a revocation until the session would have expired, then forgets it", async () => {
      const repo = await fresh();
      await repo.create({ id: "old", createdAt: T0, expiresAt: T1 });
      await repo.create({ id: "revoked", createdAt: T0, expiresAt: EXPIRES });
      await repo.revoke("revoked", T0);
      expect(await repo.removeExpired(T2)).toBe(1);
      expect(await repo.isLive("revoked", T2)).toBe(false);
      expect(await repo.revoke("revoked", T2)).toBe(false);
      expect(await repo.removeExpired(AFTER)).toBe(1);
    });

    it("refuses a second session with the same id", async () => {
      const repo = await fresh();
      await repo.create({ id: "s1", createdAt: T0, expiresAt: EXPIRES });
      await expect(repo.create({ id: "s1", createdAt: T1, expiresAt: EXPIRES })).rejects.toThrow();
    });
  });
}
