import { afterEach, describe, expect, it } from "vitest";
import { MODEL_ID } from "@/lib/contract";
import type { PredictionRepo } from "@/lib/db/prediction-repo";
import type { EngineInput, EngineName, NewPrediction, StoredOutput } from "@/lib/domain";

type AddOptions = { engine?: EngineName; prompt?: string; input?: Partial<EngineInput> } & Partial<
  Pick<NewPrediction, "lineage" | "threadId" | "note" | "sweep">
>;

/**
 * What every PredictionRepo must do, run against each implementation
 * (the way Auth.js runs every adapter through one suite). `open` gives a fresh, empty repo.
 */
export function describePredictionRepoContract(name: string, open: () => Promise<PredictionRepo>) {
  describe(`PredictionRepo contract: ${name}`, () => {
    const opened: PredictionRepo[] = [];
    afterEach(async () => {
      for (const repo of opened.splice(0)) await repo.close();
    });
    const fresh = async () => {
      const repo = await open();
      opened.push(repo);
      return repo;
    };

    let clock = Date.parse("2026-01-01T00:00:00Z");
    const add = (
      repo: PredictionRepo,
      id: string,
      { engine = "wavespeed" as EngineName, prompt = "a fox", input, ...provenance }: AddOptions = {},
    ) => {
      clock += 1_000;
      return repo.create({
        ...provenance,
        id,
        engine,
        model: MODEL_ID,
        status: "created",
        input: {
          model: "pro",
          prompt,
          aspect_ratio: "1:1",
          num_images: 2,
          seed: 7,
          guidance_scale: 3.5,
          safety_tolerance: "2",
          ...input,
        },
        seedRequested: null,
        upstreamId: `up-${id}`,
        submitState: "submitted",
        error: "",
        inferenceMs: 0,
        createdAt: new Date(clock).toISOString(),
        completedAt: null,
      });
    };

    const outputsOf = (id: string, count: number): StoredOutput[] =>
      Array.from({ length: count }, (_, index) => ({
        index,
        file: `${id}/${index}.png`,
        contentType: "image/png",
        width: 64,
        height: 64,
        bytes: 100,
        nsfw: false,
        sourceUrl: null,
        starred: false,
      }));

    const finish = (repo: PredictionRepo, id: string, images: number) =>
      repo.complete(id, outputsOf(id, images), { completedAt: new Date(clock).toISOString() });

    it("returns from create exactly what a read gives back", async () => {
      const repo = await fresh();
      const created = await add(repo, "a");
      expect(await repo.get("a")).toEqual(created);
      expect(await repo.findByUpstreamId("up-a")).toEqual(created);
      expect(await repo.get("missing")).toBeUndefined();
    });

    it("keeps the served contract's options with the prediction; defaults when none are given", async () => {
      const repo = await fresh();
      expect((await add(repo, "plain")).options).toEqual({ syncMode: false, base64Output: false });
      const asked = await repo.create({
        ...(await repo.get("plain"))!,
        id: "asked",
        upstreamId: null,
        options: { syncMode: true, base64Output: true },
      });
      expect(asked.options).toEqual({ syncMode: true, base64Output: true });
      expect(await repo.get("asked")).toEqual(asked);
      expect((await repo.get("plain"))?.options).toEqual({ syncMode: false, base64Output: false });
    });

    it("keeps where a run was asked for: an assistant over MCP and its client's name, or nothing", async () => {
      const repo = await fresh();
      expect((await add(repo, "plain")).source).toBeNull();
      const asked = await repo.create({
        ...(await repo.get("plain"))!,
        id: "assistant",
        upstreamId: null,
        source: { kind: "mcp", client: "Claude Desktop" },
      });
      expect(asked.source).toEqual({ kind: "mcp", client: "Claude Desktop" });
      expect(await repo.get("assistant")).toEqual(asked);
      const nameless = await repo.create({ ...asked, id: "nameless", source: { kind: "mcp", client: null } });
      expect((await repo.get("nameless"))?.source).toEqual({ kind: "mcp", client: null });
      expect(nameless.source).toEqual({ kind: "mcp", client: null });
      expect((await repo.get("plain"))?.source).toBeNull();
    });

    it("updates, and says when there was nothing to update", async () => {
      const repo = await fresh();
      await add(repo, "a");
      expect(await repo.update("a", { status: "processing" })).toBe("updated");
      expect(await repo.getStatus("a")).toBe("processing");
      expect(await repo.update("missing", { status: "processing" })).toBe("missing");
      expect(await repo.getStatus("missing")).toBeUndefined();
    });

    it("tells a run's status and last change without its outputs, and nothing for an id it lacks", async () => {
      const repo = await fresh();
      await add(repo, "a");
      await repo.update("a", { status: "processing" });
      const record = await repo.get("a");
      expect(await repo.getState("a")).toEqual({ status: "processing", updatedAt: record!.updatedAt });
      expect(await repo.getState("missing")).toBeUndefined();
    });

    it("moves a status only the ways the domain allows: never back, never out of an end", async () => {
      const repo = await fresh();
      await add(repo, "a");
      await repo.update("a", { status: "processing" });
      expect(await repo.update("a", { status: "created" })).toBe("refused");
      expect(await repo.update("a", { status: "failed", error: "boom" })).toBe("updated");
      expect(await repo.update("a", { status: "processing" })).toBe("refused");
      expect(await repo.update("a", { status: "failed", error: "again" })).toBe("refused");
      expect(await finish(repo, "a", 1)).toBeUndefined();
      expect(await repo.get("a")).toMatchObject({ status: "failed", error: "boom", outputs: [] });
      // Submit bookkeeping lands only while the run is unfinished: a submit that begins after a cancel is refused.
      expect(await repo.update("a", { submitState: "submitting" })).toBe("refused");
      await add(repo, "b");
      expect(await repo.update("b", { submitState: "submitting" })).toBe("updated");
    });

    it("fails, in one step, the runs nothing has begun to send, and only those", async () => {
      const repo = await fresh();
      for (const id of ["waiting", "sending", "done"]) await add(repo, id);
      for (const id of ["waiting", "sending", "done"]) await repo.update(id, { submitState: "pending" });
      await repo.update("sending", { submitState: "submitting" });
      await repo.update("done", { status: "failed", error: "earlier" });
      const at = new Date(clock + 60_000).toISOString();
      expect(await repo.failUnsent(["waiting", "sending", "done", "gone"], "cancelled", at)).toEqual(["waiting"]);
      expect(await repo.get("waiting")).toMatchObject({ status: "failed", error: "cancelled", completedAt: at });
      expect(await repo.get("sending")).toMatchObject({ status: "created", submitState: "submitting" });
      expect(await repo.get("done")).toMatchObject({ status: "failed", error: "earlier" });
      expect(await repo.failUnsent([], "cancelled", at)).toEqual([]);
    });

    it("stores the outputs with the completion, and keeps the image totals as predictions come and go", async () => {
      const repo = await fresh();
      await add(repo, "a");
      await add(repo, "b");
      await add(repo, "c", { engine: "local" });
      expect((await repo.imageTotals()).images).toEqual({ local: 0, wavespeed: 0 });

      expect((await finish(repo, "a", 2))?.outputs).toHaveLength(2);
      await finish(repo, "b", 1);
      expect(await finish(repo, "c", 3)).toMatchObject({ status: "completed", outputs: outputsOf("c", 3) });
      expect((await repo.imageTotals()).images).toEqual({ local: 3, wavespeed: 3 });

      // Completing again stores nothing and counts nothing twice.
      expect(await finish(repo, "a", 2)).toBeUndefined();
      expect((await repo.imageTotals()).images).toEqual({ local: 3, wavespeed: 3 });

      expect(await repo.delete("a")).toBe(true);
      expect(await repo.delete("c")).toBe(true);
      expect(await repo.delete("c")).toBe(false);
      expect((await repo.imageTotals()).images).toEqual({ local: 0, wavespeed: 1 });
      expect(await repo.get("a")).toBeUndefined();
    });

    it("lists the unfinished, oldest first", async () => {
      const repo = await fresh();
      for (const id of ["u1", "u2", "u3"]) await add(repo, id);
      await finish(repo, "u2", 1);
      expect((await repo.listUnfinished()).map((record) => record.id)).toEqual(["u1", "u3"]);
    });

    it("counts the unfinished: the queue a new submit joins", async () => {
      const repo = await fresh();
      expect(await repo.countUnfinished()).toBe(0);
      for (const id of ["q1", "q2", "q3"]) await add(repo, id);
      await repo.update("q2", { status: "processing" });
      await finish(repo, "q3", 1);
      expect(await repo.countUnfinished()).toBe(2);
      await repo.update("q1", { status: "failed", error: "boom" });
      expect(await repo.countUnfinished()).toBe(1);
    });

    it("counts a UTC day's billable images, and keeps counting runs deleted after they were spent", async () => {
      const repo = await fresh();
      const make = (id: string, createdAt: string, options: { engine?: EngineName; images?: number; sent?: boolean } = {}) =>
        repo.create({
          id,
          engine: options.engine ?? "wavespeed",
          model: MODEL_ID,
          status: "created",
          input: {
            model: "pro",
            prompt: "a fox",
            aspect_ratio: "1:1",
            num_images: options.images ?? 2,
            seed: 7,
            guidance_scale: 3.5,
            safety_tolerance: "2",
          },
          seedRequested: null,
          upstreamId: null,
          submitState: options.sent === false ? "pending" : "submitted",
          error: "",
          inferenceMs: 0,
          createdAt,
          completedAt: null,
        });
      const day = "2026-03-04";
      await make("done", "2026-03-04T08:00:00.000Z");
      await finish(repo, "done", 2);
      await make("running", "2026-03-04T09:00:00.000Z", { images: 3 });
      await make("failed", "2026-03-04T10:00:00.000Z");
      await repo.update("failed", { status: "failed", error: "boom" });
      await make("local", "2026-03-04T11:00:00.000Z", { engine: "local" });
      await finish(repo, "local", 4);
      await make("yesterday", "2026-03-03T23:59:59.999Z");
      await finish(repo, "yesterday", 2);
      await make("tomorrow", "2026-03-05T00:00:00.000Z", { images: 1 });
      expect((await repo.spendOn("wavespeed", day)).images).toBe(5);
      expect((await repo.spendOn("local", day)).images).toBe(4);
      expect((await repo.spendOn("wavespeed", "2026-03-03")).images).toBe(2);

      // Deleting does not give the money back: completed, and sent but unfinished, stay counted.
      await repo.delete("done");
      await repo.delete("running");
      await repo.delete("failed");
      expect((await repo.spendOn("wavespeed", day)).images).toBe(5);
      // One never sent upstream cost nothing, so deleting it frees its images.
      await make("queued", "2026-03-04T12:00:00.000Z", { images: 4, sent: false });
      expect((await repo.spendOn("wavespeed", day)).images).toBe(9);
      await repo.delete("queued");
      expect((await repo.spendOn("wavespeed", day)).images).toBe(5);
      await repo.delete("local");
      expect((await repo.spendOn("local", day)).images).toBe(4);
    });

    it("keeps each run's model and [dev]'s fields, prices its images at its model's price, and filters by model", async () => {
      const repo = await fresh();
      await add(repo, "pro");
      await add(repo, "max", { input: { model: "max" } });
      const dev = { model: "dev" as const, size: "768*1024", num_inference_steps: 12, output_format: "png" as const };
      const edit = { kind: "edit" as const, matchInput: false, images: [] };
      const created = await add(repo, "dev", { input: { ...dev, enable_safety_checker: false, edit } });
      expect((await repo.get("dev"))?.input).toEqual(created.input);
      expect(created.input).toMatchObject(dev);
      await finish(repo, "pro", 2);
      await finish(repo, "max", 2);
      await finish(repo, "dev", 1);
      // 2 × $0.04 + 2 × $0.08 + 1 × $0.025, counted in mills so it adds up exactly.
      expect(await repo.imageTotals()).toEqual({ images: { local: 0, wavespeed: 5 }, usd: 0.265 });
      expect((await repo.spendOn("wavespeed", created.createdAt.slice(0, 10))).usd).toBe(0.265);
      await repo.delete("max");
      expect((await repo.imageTotals()).usd).toBe(0.105);
      expect((await repo.spendOn("wavespeed", created.createdAt.slice(0, 10))).usd).toBe(0.265);
      expect((await repo.list({ limit: 10, model: "dev" })).items.map((item) => item.id)).toEqual(["dev"]);
      expect((await repo.list({ limit: 10, model: "pro" })).items.map((item) => item.id)).toEqual(["pro"]);
    });

    it("pages through history, newest first, with a status filter and a search, without repeats", async () => {
      const repo = await fresh();
      for (let i = 0; i < 9; i++) await add(repo, `p${i}`, { prompt: i % 3 === 0 ? "a 100% lighthouse" : "a fox" });
      for (const id of ["p1", "p4", "p7"]) await finish(repo, id, 1);

      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.list({ limit: 4, cursor });
        all.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(all).toEqual(["p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1", "p0"]);

      const completed = await repo.list({ limit: 2, status: "completed" });
      expect(completed.items.map((item) => item.id)).toEqual(["p7", "p4"]);
      const rest = await repo.list({ limit: 2, status: "completed", cursor: completed.nextCursor! });
      expect(rest).toMatchObject({ items: [{ id: "p1", outputs: [{ index: 0 }] }], nextCursor: null });

      // % in the search is matched literally, not as a wildcard; ASCII case is ignored.
      expect((await repo.list({ limit: 10, search: "100%" })).items.map((item) => item.id)).toEqual(["p6", "p3", "p0"]);
      expect((await repo.list({ limit: 10, search: "LIGHTHOUSE" })).items).toHaveLength(3);
      expect((await repo.list({ limit: 10, search: "0%l" })).items).toEqual([]);
    });

    it("keeps a note per run and a star per image, and filters and searches by them", async () => {
      const repo = await fresh();
      await add(repo, "n1", { prompt: "a harbour" });
      await add(repo, "n2", { prompt: "a tram" });
      await finish(repo, "n1", 2);
      await finish(repo, "n2", 1);
      const before = (await repo.get("n1"))!.updatedAt;

      const noted = await repo.setNote("n2", "keep this: the best HARBOUR light");
      expect(noted).toMatchObject({ id: "n2", note: "keep this: the best HARBOUR light" });
      expect(await repo.setNote("missing", "x")).toBeUndefined();
      const starred = await repo.setStar("n1", 1, true);
      expect(starred?.outputs.map((output) => output.starred)).toEqual([false, true]);
      expect(starred!.updatedAt >= before).toBe(true);
      expect(await repo.setStar("n1", 5, true)).toBeUndefined();
      expect(await repo.setStar("missing", 0, true)).toBeUndefined();

      const ids = async (query: Parameters<PredictionRepo["list"]>[0]) => (await repo.list(query)).items.map((item) => item.id);
      expect(await ids({ limit: 10, starred: true })).toEqual(["n1"]);
      expect(await ids({ limit: 10, hasNote: true })).toEqual(["n2"]);
      // The search covers the prompt and the note.
      expect(await ids({ limit: 10, search: "harbour" })).toEqual(["n2", "n1"]);

      await repo.setStar("n1", 1, false);
      expect(await ids({ limit: 10, starred: true })).toEqual([]);
      await repo.setNote("n2", "");
      expect(await ids({ limit: 10, hasNote: true })).toEqual([]);
    });

    it("keeps lineage, follows a chain of parents and lists children, and survives a deleted parent", async () => {
      const repo = await fresh();
      await add(repo, "root");
      const change = { field: "seed" as const, from: 7, to: 8 };
      await add(repo, "mid", { lineage: { parentId: "root", kind: "vary_seed", changes: [change] }, threadId: "root" });
      await add(repo, "leaf", { lineage: { parentId: "mid", kind: "rerun", changes: [] }, threadId: "root" });
      await add(repo, "twin", { lineage: { parentId: "mid", kind: "settings", changes: [] }, threadId: "root" });
      await add(repo, "other");

      expect(await repo.get("mid")).toMatchObject({ lineage: { parentId: "root", kind: "vary_seed", changes: [change] } });
      expect((await repo.get("root"))?.lineage).toBeNull();
      expect((await repo.ancestors("leaf", 10)).map((a) => [a.id, a.record?.id])).toEqual([
        ["root", "root"],
        ["mid", "mid"],
      ]);
      expect((await repo.ancestors("leaf", 1)).map((a) => a.id)).toEqual(["mid"]);
      expect(await repo.ancestors("root", 10)).toEqual([]);
      expect((await repo.children("mid")).map((c) => c.id)).toEqual(["leaf", "twin"]);
      expect(await repo.threadSizes(["root", "other", "none"])).toEqual({ root: 4, other: 1 });

      const thread = await repo.list({ limit: 10, threadId: "root" });
      expect(thread.items.map((item) => item.id)).toEqual(["twin", "leaf", "mid", "root"]);
      expect((await repo.list({ limit: 10, groupByThread: true })).items.map((item) => item.id)).toEqual(["other", "root"]);

      await repo.delete("root");
      // The child keeps naming its parent; the chain ends there, without a record.
      expect((await repo.get("mid"))?.lineage?.parentId).toBe("root");
      expect((await repo.ancestors("leaf", 10)).map((a) => [a.id, a.record?.id])).toEqual([
        ["root", undefined],
        ["mid", "mid"],
      ]);
      // The thread is still one group, led by its oldest run left.
      expect((await repo.list({ limit: 10, groupByThread: true })).items.map((item) => item.id)).toEqual(["other", "mid"]);
    });

    it("lists the cells of a sweep by row and column, and says which ids exist", async () => {
      const repo = await fresh();
      await add(repo, "c11", { sweep: { id: "s1", x: 1, y: 1 } });
      await add(repo, "c00", { sweep: { id: "s1", x: 0, y: 0 } });
      await add(repo, "c10", { sweep: { id: "s1", x: 1, y: 0 } });
      await add(repo, "c10b", { sweep: { id: "s1", x: 1, y: 0 } });
      await add(repo, "x", { sweep: { id: "s2", x: 0, y: 0 } });
      expect((await repo.sweepCells("s1")).map((cell) => [cell.id, cell.sweep])).toEqual([
        ["c00", { id: "s1", x: 0, y: 0 }],
        ["c10", { id: "s1", x: 1, y: 0 }],
        ["c10b", { id: "s1", x: 1, y: 0 }],
        ["c11", { id: "s1", x: 1, y: 1 }],
      ]);
      expect((await repo.list({ limit: 10, sweepId: "s2" })).items.map((item) => item.id)).toEqual(["x"]);
      expect([...(await repo.existingIds(["c00", "nope", "x"]))].sort()).toEqual(["c00", "x"]);
      expect(await repo.existingIds([])).toEqual(new Set());
    });

    it("folds each sweep into its oldest cell when asked, paging past it, and keeps filters cell by cell", async () => {
      const repo = await fresh();
      await add(repo, "before");
      for (const [id, x] of [
        ["s1a", 0],
        ["s1b", 1],
        ["s1c", 2],
      ] as const)
        await add(repo, id, { sweep: { id: "s1", x, y: 0 }, prompt: `a grid ${x}` });
      await add(repo, "between");
      await add(repo, "s2a", { sweep: { id: "s2", x: 0, y: 0 } });
      await add(repo, "s2b", { sweep: { id: "s2", x: 1, y: 0 } });
      // A retried cell of the first sweep, started after everything else: it stays folded into its sweep.
      await add(repo, "s1a-again", { sweep: { id: "s1", x: 0, y: 0 } });
      const ids = async (query: Parameters<PredictionRepo["list"]>[0]) => (await repo.list(query)).items.map((item) => item.id);

      expect(await ids({ limit: 10, collapseSweeps: true })).toEqual(["s2a", "between", "s1a", "before"]);
      const first = await repo.list({ limit: 2, collapseSweeps: true });
      expect(first.items.map((item) => item.id)).toEqual(["s2a", "between"]);
      expect(await ids({ limit: 2, collapseSweeps: true, cursor: first.nextCursor! })).toEqual(["s1a", "before"]);
      // Without folding, and with a search that matches cells, every cell is its own entry.
      expect(await ids({ limit: 10 })).toHaveLength(8);
      expect(await ids({ limit: 10, search: "a grid" })).toEqual(["s1c", "s1b", "s1a"]);
      // The cell that stands for its sweep goes; the next oldest takes its place.
      await repo.delete("s1a");
      expect(await ids({ limit: 10, collapseSweeps: true })).toEqual(["s2a", "between", "s1b", "before"]);
    });
  });
}
