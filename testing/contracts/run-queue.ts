import { describe, expect, it } from "vitest";
import type { PredictionRepo } from "@/lib/db/prediction-repo";
import type { RunQueue } from "@/lib/runs/run-queue";
import { unsentRun } from "../records";
import { freshStores } from "./fresh-stores";

export type OpenedRunQueue = { queue: RunQueue; repo: PredictionRepo; close: () => Promise<void> };

/**
 * What every RunQueue must do, run against each implementation: the in-process line (SQLite) and
 * the table every instance shares (PostgreSQL). `open` gives an empty store and its queue.
 */
export function describeRunQueueContract(name: string, open: () => Promise<OpenedRunQueue>) {
  describe(`RunQueue contract: ${name}`, () => {
    const fresh = freshStores(open);
    /** Stores unsent runs, in this order, and puts each in the line as a submit does. */
    const line = async ({ queue, repo }: OpenedRunQueue, ids: string[]) => {
      for (const id of ids) {
        await repo.create(unsentRun(id));
        await queue.add(id);
      }
    };

    it("gives out the oldest waiting runs, as many as there are free places, each once", async () => {
      const opened = await fresh();
      const { queue } = opened;
      await line(opened, ["a", "b", "c", "d"]);
      expect(await queue.take(2)).toEqual({ taken: ["a", "b"], waiting: 2 });
      expect(await queue.take(2)).toEqual({ taken: [], waiting: 2 });
      await queue.release("a");
      expect(await queue.take(2)).toEqual({ taken: ["c"], waiting: 1 });
      await queue.release("b");
      await queue.release("c");
      expect(await queue.take(5)).toEqual({ taken: ["d"], waiting: 0 });
      expect(await queue.take(5)).toEqual({ taken: [], waiting: 0 });
    });

    it("says where a run waits, 1 next, and nothing once it is taken or for a run it does not hold", async () => {
      const opened = await fresh();
      const { queue } = opened;
      await line(opened, ["a", "b", "c"]);
      expect(await Promise.all(["a", "b", "c", "nope"].map((id) => queue.position(id)))).toEqual([1, 2, 3, undefined]);
      await queue.take(1);
      expect(await Promise.all(["a", "b", "c"].map((id) => queue.position(id)))).toEqual([undefined, 1, 2]);
      expect(await queue.waiting()).toBe(2);
    });

    it("a cancel fails every unsent run it names, waiting or placed, none is given out, and a late submit is refused", async () => {
      const opened = await fresh();
      const { queue, repo } = opened;
      await line(opened, ["sent", "placed", "b", "c", "kept"]);
      expect((await queue.take(2)).taken).toEqual(["sent", "placed"]);
      expect(await repo.update("sent", { submitState: "submitting" })).toBe("updated");

      const failed = await queue.cancel(["sent", "placed", "b", "c"], "The sweep was cancelled.");
      expect(failed.sort()).toEqual(["b", "c", "placed"]);
      for (const id of failed) expect(await repo.get(id)).toMatchObject({ status: "failed", error: "The sweep was cancelled." });
      expect(await repo.get("sent")).toMatchObject({ status: "created", submitState: "submitting" });
      // The point of no return: a placed run's submit that begins after the cancel is refused.
      expect(await repo.update("placed", { submitState: "submitting" })).toBe("refused");
      await queue.release("sent");
      await queue.release("placed");
      expect(await queue.take(5)).toEqual({ taken: ["kept"], waiting: 0 });
      expect(await queue.cancel(["kept"], "too late")).toEqual(["kept"]);
      expect(await queue.cancel([], "nothing")).toEqual([]);
    });

    it("counts a run already sent (resumed, taken over) as holding a place", async () => {
      const opened = await fresh();
      const { queue, repo } = opened;
      await repo.create(unsentRun("resumed", { submitState: "submitted", upstreamId: "up-1" }));
      await queue.occupy("resumed");
      await line(opened, ["a"]);
      expect(await queue.take(1)).toEqual({ taken: [], waiting: 1 });
      await queue.release("resumed");
      expect(await queue.take(1)).toEqual({ taken: ["a"], waiting: 0 });
    });

    it("a deleted run leaves the line", async () => {
      const opened = await fresh();
      const { queue, repo } = opened;
      await line(opened, ["a", "b"]);
      await queue.remove("a");
      await repo.delete("a");
      expect(await queue.position("b")).toBe(1);
      expect(await queue.take(2)).toEqual({ taken: ["b"], waiting: 0 });
    });
  });
}
