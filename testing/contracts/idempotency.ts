import { afterEach, describe, expect, it } from "vitest";
import { MODEL_ID } from "@/lib/contract";
import type { IdempotencyClaim, PredictionRepo } from "@/lib/db/prediction-repo";
import type { NewPrediction } from "@/lib/domain";

/**
 * What every PredictionRepo must do with Idempotency-Keys (createOnce), run against each
 * implementation. `open` gives a fresh, empty repo.
 */
export function describeIdempotencyContract(name: string, open: () => Promise<PredictionRepo>) {
  describe(`PredictionRepo idempotency contract: ${name}`, () => {
    const opened: PredictionRepo[] = [];
    afterEach(async () => {
      for (const repo of opened.splice(0)) await repo.close();
    });
    const fresh = async () => {
      const repo = await open();
      opened.push(repo);
      return repo;
    };

    const NOW = Date.parse("2026-03-01T12:00:00Z");
    const DAY = 24 * 60 * 60 * 1000;
    const prediction = (id: string): NewPrediction => ({
      id,
      engine: "wavespeed",
      model: MODEL_ID,
      status: "created",
      input: {
        model: "pro",
        prompt: "a fox",
        aspect_ratio: "1:1",
        num_images: 1,
        seed: 7,
        guidance_scale: 3.5,
        safety_tolerance: "2",
      },
      seedRequested: null,
      upstreamId: null,
      submitState: "pending",
      error: "",
      inferenceMs: 0,
      createdAt: new Date(NOW).toISOString(),
      completedAt: null,
    });
    const claim = (key: string, fingerprint = "f1", at = NOW): IdempotencyClaim => ({
      key,
      fingerprint,
      createdAt: new Date(at).toISOString(),
      expiredBefore: new Date(at - DAY).toISOString(),
    });

    it("creates once; the same key and fingerprint get that prediction back, another fingerprint a mismatch", async () => {
      const repo = await fresh();
      const first = await repo.createOnce(prediction("a"), claim("k1"));
      expect(first).toMatchObject({ outcome: "created", record: { id: "a" } });
      expect(await repo.createOnce(prediction("b"), claim("k1"))).toMatchObject({ outcome: "replayed", record: { id: "a" } });
      expect(await repo.createOnce(prediction("c"), claim("k1", "f2"))).toEqual({ outcome: "mismatch" });
      expect(await repo.get("b")).toBeUndefined();
      expect(await repo.get("c")).toBeUndefined();
      // Looking the key up creates nothing and says the same.
      expect(await repo.findClaim(claim("k1"))).toMatchObject({ outcome: "replayed", record: { id: "a" } });
      expect(await repo.findClaim(claim("k1", "f2"))).toEqual({ outcome: "mismatch" });
      expect(await repo.findClaim(claim("never-used"))).toBeUndefined();
      // Another key is another request.
      expect(await repo.createOnce(prediction("d"), claim("k2"))).toMatchObject({ outcome: "created", record: { id: "d" } });
    });

    it("of concurrent calls with one key, exactly one creates", async () => {
      const repo = await fresh();
      const outcomes = await Promise.all(["a", "b", "c", "d"].map((id) => repo.createOnce(prediction(id), claim("same"))));
      expect(outcomes.filter((o) => o.outcome === "created")).toHaveLength(1);
      const ids = new Set(outcomes.map((o) => o.record?.id));
      expect(ids.size).toBe(1);
      expect((await repo.list({ limit: 10 })).items).toHaveLength(1);
    });

    it("frees a key after its lifetime, and with the prediction it made", async () => {
      const repo = await fresh();
      await repo.createOnce(prediction("a"), claim("k1", "f1", NOW));
      const nextDay = NOW + DAY + 1;
      expect(await repo.findClaim(claim("k1", "f2", nextDay))).toBeUndefined();
      expect(await repo.createOnce(prediction("b"), claim("k1", "f2", nextDay))).toMatchObject({
        outcome: "created",
        record: { id: "b" },
      });

      await repo.createOnce(prediction("c"), claim("k2", "f1", nextDay));
      await repo.delete("c");
      expect(await repo.createOnce(prediction("d"), claim("k2", "f1", nextDay))).toMatchObject({
        outcome: "created",
        record: { id: "d" },
      });
    });

    it("forgets keys older than a time, and only those", async () => {
      const repo = await fresh();
      await repo.createOnce(prediction("a"), claim("old", "f1", NOW - 2 * DAY));
      await repo.createOnce(prediction("b"), claim("new", "f1", NOW));
      expect(await repo.forgetIdempotencyKeys(new Date(NOW - DAY).toISOString())).toBe(1);
      // The prediction stays; only its key is gone.
      expect(await repo.get("a")).toBeDefined();
      expect(await repo.createOnce(prediction("c"), claim("new", "f1", NOW))).toMatchObject({ outcome: "replayed" });
    });
  });
}
