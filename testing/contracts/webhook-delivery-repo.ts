import { afterEach, describe, expect, it } from "vitest";
import { MODEL_ID } from "@/lib/contract";
import type { PredictionRepo } from "@/lib/db/prediction-repo";
import type { WebhookDeliveryRepo } from "@/lib/db/webhook-delivery-repo";
import type { DeliveryAttempt } from "@/lib/domain";

type Stores = { deliveries: WebhookDeliveryRepo; predictions: PredictionRepo };

/**
 * What every WebhookDeliveryRepo must do, run against each implementation. `open` gives fresh,
 * empty stores: deliveries belong to predictions, so the suite makes those first.
 */
export function describeWebhookDeliveryRepoContract(name: string, open: () => Promise<Stores>) {
  describe(`WebhookDeliveryRepo contract: ${name}`, () => {
    const opened: Stores[] = [];
    afterEach(async () => {
      for (const stores of opened.splice(0)) {
        await stores.deliveries.close();
        await stores.predictions.close();
      }
    });

    let clock = Date.parse("2026-02-01T00:00:00Z");
    const at = () => {
      clock += 1_000;
      return new Date(clock).toISOString();
    };

    const fresh = async (predictionIds = ["p1"]) => {
      const stores = await open();
      opened.push(stores);
      for (const id of predictionIds) {
        await stores.predictions.create({
          id,
          engine: "local",
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
          createdAt: at(),
          completedAt: null,
        });
      }
      return stores;
    };

    const add = (deliveries: WebhookDeliveryRepo, id: string, predictionId = "p1") =>
      deliveries.create({
        id,
        predictionId,
        url: `https://hooks.example/${id}`,
        baseUrl: "https://play.example",
        createdAt: at(),
      });

    const attempt = (outcome: DeliveryAttempt["outcome"], extra: Partial<DeliveryAttempt> = {}): DeliveryAttempt => ({
      outcome,
      at: at(),
      httpStatus: outcome === "delivered" ? 200 : 500,
      error: outcome === "delivered" ? "" : "HTTP 500",
      nextAttemptAt: outcome === "retrying" ? new Date(clock + 60_000).toISOString() : null,
      ...extra,
    });

    it("gives an open delivery to one attempt at a time, until it is recorded, released or its lease ends", async () => {
      const { deliveries } = await fresh();
      await add(deliveries, "d1");
      expect(await deliveries.takeForAttempt("d1", 60_000)).toBe(true);
      expect(await deliveries.takeForAttempt("d1", 60_000)).toBe(false);
      await deliveries.releaseAttempt("d1");
      expect(await deliveries.takeForAttempt("d1", 60_000)).toBe(true);
      await deliveries.recordAttempt("d1", attempt("retrying"));
      expect(await deliveries.takeForAttempt("d1", 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await deliveries.takeForAttempt("d1", 60_000)).toBe(true);
      await deliveries.recordAttempt("d1", attempt("delivered"));
      expect(await deliveries.takeForAttempt("d1", 60_000)).toBe(false);
      expect(await deliveries.takeForAttempt("missing", 60_000)).toBe(false);
    });

    it("stores a new delivery as waiting, and returns from create exactly what a read gives back", async () => {
      const { deliveries } = await fresh();
      const created = await add(deliveries, "d1");
      expect(created).toMatchObject({
        id: "d1",
        predictionId: "p1",
        url: "https://hooks.example/d1",
        baseUrl: "https://play.example",
        state: "waiting",
        attempts: 0,
        nextAttemptAt: null,
        lastStatus: null,
        lastError: "",
        firstAttemptAt: null,
        finishedAt: null,
      });
      expect(await deliveries.get("d1")).toEqual(created);
      expect(await deliveries.get("missing")).toBeUndefined();
    });

    it("counts attempts, keeps the start of the retry window, and finishes on delivery", async () => {
      const { deliveries } = await fresh();
      await add(deliveries, "d1");
      const first = attempt("retrying");
      const retrying = await deliveries.recordAttempt("d1", first);
      expect(retrying).toMatchObject({
        state: "retrying",
        attempts: 1,
        lastStatus: 500,
        lastError: "HTTP 500",
        nextAttemptAt: first.nextAttemptAt,
        firstAttemptAt: first.at,
        finishedAt: null,
      });
      const second = attempt("delivered");
      expect(await deliveries.recordAttempt("d1", second)).toMatchObject({
        state: "delivered",
        attempts: 2,
        lastStatus: 200,
        lastError: "",
        nextAttemptAt: null,
        firstAttemptAt: first.at,
        finishedAt: second.at,
      });
    });

    it("takes no attempt once finished, nor for a delivery that does not exist", async () => {
      const { deliveries } = await fresh();
      await add(deliveries, "d1");
      await deliveries.recordAttempt("d1", attempt("failed", { httpStatus: null, error: "gave up" }));
      expect(await deliveries.recordAttempt("d1", attempt("delivered"))).toBeUndefined();
      expect(await deliveries.get("d1")).toMatchObject({ state: "failed", attempts: 1, lastStatus: null, lastError: "gave up" });
      expect(await deliveries.recordAttempt("missing", attempt("delivered"))).toBeUndefined();
    });

    it("lists the open deliveries oldest first, and a prediction's own", async () => {
      const { deliveries } = await fresh(["p1", "p2"]);
      await add(deliveries, "d1");
      await add(deliveries, "d2", "p2");
      await add(deliveries, "d3");
      await add(deliveries, "d4", "p2");
      await deliveries.recordAttempt("d1", attempt("retrying"));
      await deliveries.recordAttempt("d3", attempt("delivered"));
      await deliveries.recordAttempt("d4", attempt("failed"));
      expect((await deliveries.listOpen()).map((delivery) => [delivery.id, delivery.state])).toEqual([
        ["d1", "retrying"],
        ["d2", "waiting"],
      ]);
      expect((await deliveries.listForPrediction("p1")).map((delivery) => delivery.id)).toEqual(["d1", "d3"]);
      expect(await deliveries.listForPrediction("nobody")).toEqual([]);
    });

    it("drops a prediction's deliveries with the prediction", async () => {
      const { deliveries, predictions } = await fresh(["p1", "p2"]);
      await add(deliveries, "d1");
      await add(deliveries, "d2", "p2");
      await predictions.delete("p1");
      expect(await deliveries.get("d1")).toBeUndefined();
      expect((await deliveries.listOpen()).map((delivery) => delivery.id)).toEqual(["d2"]);
    });
  });
}
