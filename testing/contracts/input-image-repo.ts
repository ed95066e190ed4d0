import { describe, expect, it } from "vitest";
import type { InputImageRepo, MediaUpload, UpstreamImageRepo } from "@/lib/db/input-image-repo";
import type { PredictionRepo } from "@/lib/db/prediction-repo";
import type { InputImage } from "@/lib/domain";
import { freshStores } from "./fresh-stores";

const image = (letter: string): InputImage => ({
  sha256: letter.repeat(64),
  contentType: "image/png",
  width: 40,
  height: 30,
  bytes: 1234,
});
const upload = (id: string, overrides: Partial<MediaUpload> = {}): MediaUpload => ({
  id,
  tokenSha256: "f".repeat(64),
  filename: "a.png",
  contentType: "image/png",
  size: 1234,
  sha256: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: "2026-01-01T01:00:00.000Z",
  ...overrides,
});
const NOW = "2026-01-01T00:30:00.000Z";
const LATER = "2026-01-09T00:00:00.000Z";

type Opened = { inputs: InputImageRepo; predictions: PredictionRepo; close: () => Promise<void> };

/**
 * What every InputImageRepo must do, with the PredictionRepo over the same store (a run's inputs are
 * written with the run, and keep its pictures in use). `open` gives fresh, empty repos.
 */
export function describeInputImageRepoContract(name: string, open: () => Promise<Opened>) {
  describe(`InputImageRepo contract: ${name}`, () => {
    const fresh = freshStores(open);
    const editOf = (predictions: PredictionRepo, id: string, pictures: InputImage[]) =>
      predictions.create({
        id,
        engine: "local",
        model: "kontext-playground/local-preview",
        status: "created",
        input: {
          model: "pro",
          prompt: "make it night",
          aspect_ratio: "4:3",
          num_images: 1,
          seed: 7,
          guidance_scale: 3.5,
          safety_tolerance: "2",
          edit: { kind: pictures.length > 1 ? "multi" : "edit", matchInput: true, images: pictures },
        },
        seedRequested: null,
        upstreamId: null,
        submitState: "pending",
        error: "",
        inferenceMs: 0,
        createdAt: "2026-01-01T00:00:00.000Z",
        completedAt: null,
      });

    it("describes a picture once, and gives it back as described", async () => {
      const { inputs } = await fresh();
      await inputs.rememberImage(image("a"), NOW);
      await inputs.rememberImage({ ...image("a"), width: 999 }, LATER);
      expect(await inputs.getImage("a".repeat(64))).toEqual(image("a"));
      expect(await inputs.getImage("b".repeat(64))).toBeUndefined();
      expect(await inputs.describedImages(["a".repeat(64), "b".repeat(64)])).toEqual(new Set(["a".repeat(64)]));
      expect(await inputs.describedImages([])).toEqual(new Set());
    });

    it("keeps a picture while a run names it or a live upload holds it, and forgets it after", async () => {
      const { inputs, predictions } = await fresh();
      for (const letter of ["a", "b", "c"]) await inputs.rememberImage(image(letter), NOW);
      await editOf(predictions, "run1", [image("a")]);
      await inputs.createUpload(upload("up1", { tokenSha256: null, sha256: "b".repeat(64) }));
      expect(
        await inputs.forgetUnused(
          ["a", "b", "c"].map((letter) => letter.repeat(64)),
          NOW,
        ),
      ).toEqual(["c".repeat(64)]);
      // The run's inputs come back with it, in order.
      expect((await predictions.get("run1"))?.input.edit?.images).toEqual([image("a")]);

      await predictions.delete("run1");
      expect(await inputs.deleteExpiredUploads(LATER)).toEqual(["b".repeat(64)]);
      const forgotten = await inputs.forgetUnused(["a".repeat(64), "b".repeat(64)], LATER);
      expect(forgotten.sort()).toEqual(["a".repeat(64), "b".repeat(64)]);
      expect(await inputs.getImage("a".repeat(64))).toBeUndefined();
    });

    it("completes a ticket once, and only while it is open", async () => {
      const { inputs } = await fresh();
      await inputs.rememberImage(image("a"), NOW);
      await inputs.createUpload(upload("t1"));
      expect(await inputs.completeUpload("t1", "a".repeat(64), 1234, "image/png", LATER)).toBe(true);
      expect(await inputs.completeUpload("t1", "a".repeat(64), 1234, "image/png", LATER)).toBe(false);
      expect(await inputs.getUpload("t1")).toMatchObject({ tokenSha256: null, sha256: "a".repeat(64), expiresAt: LATER });
      await inputs.deleteUpload("t1");
      expect(await inputs.getUpload("t1")).toBeUndefined();
    });
  });
}

/** What every UpstreamImageRepo must do: remember where the upstream holds a picture, until it lets it go. */
export function describeUpstreamImageRepoContract(
  name: string,
  open: () => Promise<{ repo: UpstreamImageRepo; close: () => Promise<void> }>,
) {
  describe(`UpstreamImageRepo contract: ${name}`, () => {
    it("finds a copy until it expires, and the newest copy wins", async () => {
      const { repo, close } = await open();
      try {
        await repo.remember("a".repeat(64), "https://cdn.test/1.png", "2026-01-08T00:00:00.000Z");
        expect(await repo.find("a".repeat(64), NOW)).toBe("https://cdn.test/1.png");
        expect(await repo.find("a".repeat(64), LATER)).toBeUndefined();
        await repo.remember("a".repeat(64), "https://cdn.test/2.png", "2026-01-10T00:00:00.000Z");
        expect(await repo.find("a".repeat(64), LATER)).toBe("https://cdn.test/2.png");
        expect(await repo.find("b".repeat(64), NOW)).toBeUndefined();
      } finally {
        await close();
      }
    });
  });
}
