import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ASPECT_RATIOS, type EngineInput, PIXEL_SIZES } from "@/lib/domain";
import { meanDiff } from "@/testing/images";
import type { Engine, EngineState } from "../types";
import { createLocalEngine, LOCAL_MODEL_ID, renderImage } from "./index";
import { buildSvg } from "./render";

const input = (over: Partial<EngineInput> = {}): EngineInput => ({
  model: "pro",
  prompt: "a red airship over a teal sea at sunset",
  seed: 1,
  aspect_ratio: "1:1",
  num_images: 1,
  guidance_scale: 3.5,
  safety_tolerance: "2",
  ...over,
});

async function pollUntilDone(engine: Engine, id: string, given: EngineInput): Promise<{ seen: string[]; state: EngineState }> {
  const seen: string[] = [];
  for (let i = 0; i < 500; i++) {
    const state = await engine.getState(id, given);
    seen.push(state.status);
    if (state.status === "completed" || state.status === "failed") return { seen, state };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`task ${id} did not finish; saw ${seen.slice(-3).join(", ")}`);
}

const stub = async (given: EngineInput, index: number) => Buffer.from(`${given.seed}:${index}`);

describe("renderImage", () => {
  it("gives byte-identical JPEGs for the same request and index", async () => {
    const [a, b] = [await renderImage(input(), 0), await renderImage(input(), 0)];
    expect(a.equals(b)).toBe(true);
    expect(a.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it.each(ASPECT_RATIOS)("renders %s at exactly the contract's pixel size", async (ratio) => {
    const meta = await sharp(await renderImage(input({ aspect_ratio: ratio, prompt: "city by the sea at night" }), 0)).metadata();
    expect(meta.format).toBe("jpeg");
    expect({ width: meta.width, height: meta.height }).toEqual(PIXEL_SIZES[ratio]);
  });

  it("gives a visibly different picture for another seed", async () => {
    const diff = await meanDiff(await renderImage(input({ seed: 1 }), 0), await renderImage(input({ seed: 2 }), 0));
    // Re-encoding the same picture differs by ~1; a moved sun, ship and horizon by far more.
    expect(diff).toBeGreaterThan(6);
  });

  it("gives each image of one prediction its own picture", async () => {
    expect(await meanDiff(await renderImage(input(), 0), await renderImage(input(), 1))).toBeGreaterThan(6);
  });

  it("marks the picture as a local preview and never claims to be FLUX", () => {
    const svg = buildSvg(input({ prompt: "FLUX Kontext pro portrait" }), 0);
    expect(svg).toContain("local preview");
    expect(svg.toLowerCase()).not.toContain("flux");
  });
});

describe("createLocalEngine", () => {
  it("reports an honest name and model", () => {
    const engine = createLocalEngine();
    expect(engine.name).toBe("local");
    expect(engine.model).toBe(LOCAL_MODEL_ID);
    expect(LOCAL_MODEL_ID.toLowerCase()).not.toContain("flux");
  });

  it("goes created → processing → completed with the rendered outputs", async () => {
    const engine = createLocalEngine();
    const given = input({ num_images: 2 });
    const { upstreamId } = await engine.submit(given, { predictionId: "p1" });
    expect(upstreamId).toBe("local-p1");
    expect((await engine.getState(upstreamId, given)).status).toBe("created");

    const { seen, state } = await pollUntilDone(engine, upstreamId, given);
    // Never goes back: created*, processing*, then completed.
    const order = ["created", "processing", "completed"];
    expect(seen.map((s) => order.indexOf(s))).toEqual(seen.map((s) => order.indexOf(s)).sort());
    expect(state.status).toBe("completed");
    expect(state.error).toBe("");
    expect(Number.isInteger(state.inferenceMs) && state.inferenceMs > 0).toBe(true);
    expect(state.outputs).toHaveLength(2);
    for (const [i, out] of state.outputs.entries()) {
      expect(out).toMatchObject({ kind: "bytes", contentType: "image/jpeg", nsfw: false });
      if (out.kind === "bytes") expect(out.bytes.equals(await renderImage(given, i))).toBe(true);
    }
  });

  it("reports processing while the renderer works and completed once it returns", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const engine = createLocalEngine({
      render: async (given, i) => {
        await gate;
        return stub(given, i);
      },
    });
    const { upstreamId } = await engine.submit(input(), { predictionId: "gated" });
    expect((await engine.getState(upstreamId, input())).status).toBe("created");
    await new Promise((r) => setImmediate(r));
    expect((await engine.getState(upstreamId, input())).status).toBe("processing");
    release();
    const { state } = await pollUntilDone(engine, upstreamId, input());
    expect(state.status).toBe("completed");
    expect(state.outputs[0].kind === "bytes" && state.outputs[0].bytes.toString()).toBe("1:0");
  });

  it("renders a task it does not know again from the given input", async () => {
    const engine = createLocalEngine();
    const given = input({ seed: 42 });
    const first = await engine.getState("local-from-before-a-restart", given);
    expect(first.status).toBe("processing");
    const { state } = await pollUntilDone(engine, "local-from-before-a-restart", given);
    expect(state.outputs[0].kind === "bytes" && state.outputs[0].bytes.equals(await renderImage(given, 0))).toBe(true);
  });

  it("reports failed with the renderer's message when rendering throws", async () => {
    const engine = createLocalEngine({ render: async () => Promise.reject(new Error("librsvg exploded")) });
    const { upstreamId } = await engine.submit(input(), { predictionId: "p2" });
    const { state } = await pollUntilDone(engine, upstreamId, input());
    expect(state).toMatchObject({ status: "failed", outputs: [] });
    expect(state.error).toContain("librsvg exploded");
  });

  it("forgets a finished task once it was fetched and the grace period passed", async () => {
    let clock = 1_000;
    const engine = createLocalEngine({ render: stub, keepMs: 60_000, now: () => clock });
    const { upstreamId } = await engine.submit(input(), { predictionId: "p3" });
    await pollUntilDone(engine, upstreamId, input());
    clock += 59_000;
    expect((await engine.getState(upstreamId, input())).status).toBe("completed");
    clock += 2_000;
    // Dropped: the next look starts a fresh render.
    expect((await engine.getState(upstreamId, input())).status).toBe("processing");
  });

  it("flags outputs by the request's safety tolerance, still producing them", async () => {
    const engine = createLocalEngine({ render: stub });
    const check = async (prompt: string, safety_tolerance: EngineInput["safety_tolerance"]) => {
      const given = input({ prompt, safety_tolerance, num_images: 2 });
      const { upstreamId } = await engine.submit(given, { predictionId: `${prompt}-${safety_tolerance}` });
      const { state } = await pollUntilDone(engine, upstreamId, given);
      expect(state.outputs).toHaveLength(2);
      return state.outputs.map((o) => o.nsfw);
    };
    expect(await check("a nude statue in a garden", "2")).toEqual([true, true]);
    expect(await check("a nude statue in a garden", "5")).toEqual([false, false]);
    expect(await check("a quiet garden", "1")).toEqual([false, false]);
  });
});
