import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { errorEnvelopeSchema, predictionEnvelopeSchema, resultPath } from "@/lib/contract";
import { MODEL_REGISTRY } from "@/lib/domain";
import { type FakeWavespeed, startFakeWavespeed } from "./server";

const KEY = "fake-models-key-1";
let fake: FakeWavespeed;
const auth = { Authorization: `Bearer ${KEY}`, "content-type": "application/json" };
const submit = (id: string, body: unknown) =>
  fetch(`${fake.url}/api/v3/${id}`, { method: "POST", headers: auth, body: JSON.stringify(body) });
const settled = async (id: string) => {
  const read = async () =>
    predictionEnvelopeSchema.parse(await (await fetch(`${fake.url}${resultPath(id)}`, { headers: auth })).json());
  await expect.poll(async () => (await read()).data.status).toBe("completed");
  return (await read()).data;
};

beforeAll(async () => {
  fake = await startFakeWavespeed({ apiKey: KEY, defaultDurationMs: 200, createdPhaseMs: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** An image the fake issued (an output of its own), so an edit can read it. */
async function issuedPicture(): Promise<string> {
  const created = predictionEnvelopeSchema.parse(await (await submit(MODEL_REGISTRY[0].id, { prompt: "a source" })).json());
  return (await settled(created.data.id)).outputs[0];
}

describe("the fake upstream serves the Kontext family", () => {
  it("answers every model path of the registry, names it in the envelope and records the path called", async () => {
    const picture = await issuedPicture();
    for (const entry of MODEL_REGISTRY) {
      const body = { prompt: `on ${entry.id}`, ...(entry.kind === "edit" ? { image: picture } : {}) };
      const answer = await submit(entry.id, entry.kind === "multi" ? { ...body, images: [picture, picture] } : body);
      expect(answer.status, entry.id).toBe(200);
      expect(predictionEnvelopeSchema.parse(await answer.json()).data.model).toBe(entry.id);
    }
    const paths = fake.requests.filter((request) => request.method === "POST").map((request) => request.path);
    expect(paths.slice(1)).toEqual(MODEL_REGISTRY.map((entry) => `/api/v3/${entry.id}`));
  });

  it("checks each model's own parameters, naming the field", async () => {
    const picture = await issuedPicture();
    const refused = async (id: string, body: unknown) => {
      const answer = await submit(id, body);
      expect(answer.status).toBe(400);
      return errorEnvelopeSchema.parse(await answer.json());
    };
    expect(await refused("wavespeed-ai/flux-kontext-pro/text-to-image", { prompt: "x", size: "1024*1024" })).toMatchObject({
      field: "size",
    });
    const steps = await refused("wavespeed-ai/flux-kontext-dev", { prompt: "x", image: picture, num_inference_steps: 80 });
    expect(steps).toMatchObject({ field: "num_inference_steps", message: "num_inference_steps must be an integer from 1 to 50" });
    expect(await refused("wavespeed-ai/flux-kontext-dev", { prompt: "x", image: picture, aspect_ratio: "1:1" })).toMatchObject({
      field: "aspect_ratio",
    });
    expect(await refused("wavespeed-ai/flux-kontext-max/multi", { prompt: "x", images: [picture] })).toMatchObject({
      field: "images",
    });
    // [dev] multi takes "up to 4" pictures: one will do.
    expect((await submit("wavespeed-ai/flux-kontext-dev/multi", { prompt: "x", images: [picture] })).status).toBe(200);
  });

  it("makes a [dev] edit at the size asked for, and its images as many as asked", async () => {
    const picture = await issuedPicture();
    const body = { prompt: "wider", image: picture, size: "1280*768", num_images: 2 };
    const created = predictionEnvelopeSchema.parse(await (await submit("wavespeed-ai/flux-kontext-dev", body)).json());
    const done = await settled(created.data.id);
    expect(done.outputs).toHaveLength(2);
    const meta = await sharp(Buffer.from(await (await fetch(done.outputs[1])).arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 768]);
  });

  it("takes each model's own time: [max] 1.5 times [pro]'s, ultra-fast half, and as configured", async () => {
    const picture = await issuedPicture();
    const duration = async (id: string, body: object) => {
      const created = predictionEnvelopeSchema.parse(await (await submit(id, { prompt: "t", ...body })).json());
      const task = fake.tasks.get(created.data.id)!;
      return task.completedAt - task.createdAt;
    };
    expect(await duration("wavespeed-ai/flux-kontext-pro/text-to-image", {})).toBe(200);
    expect(await duration("wavespeed-ai/flux-kontext-max/text-to-image", {})).toBe(300);
    expect(await duration("wavespeed-ai/flux-kontext-dev-ultra-fast", { image: picture })).toBe(100);
    const set = await fetch(`${fake.url}/__control`, { method: "POST", body: JSON.stringify({ durationFactors: { max: 4 } }) });
    expect(set.status).toBe(200);
    expect(await duration("wavespeed-ai/flux-kontext-max/text-to-image", {})).toBe(800);
  });
});
