import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect } from "@playwright/test";
import { Client } from "wavespeed";
import { MODEL_ID } from "@/lib/contract";
import { MODEL_REGISTRY, type ModelEntry } from "@/lib/domain";
import { predictionViewSchema } from "@/lib/playground-api";
import { solid } from "@/testing/images";

/**
 * WaveSpeed's official JavaScript SDK (npm `wavespeed`), pointed at a playground through its
 * baseUrl option and nothing else: the way a script written for WaveSpeed would use this server.
 */
export const sdkFor = (baseUrl: string, apiKey = "any-key-is-accepted") =>
  new Client(apiKey, { baseUrl, maxConnectionRetries: 2, retryInterval: 0.2 });

export { MODEL_ID };

/** Poll faster than the SDK's default second: local tasks take a fraction of one. */
export const FAST = { pollInterval: 0.1, timeout: 60 };

/** What a rejected promise was rejected with. */
export const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: Error) => error,
  );

/**
 * run() on every path of the model registry, each with `prompt(entry)` and, where the path takes
 * pictures, an uploaded one (twice for multi): each completes, and the run is recorded as that
 * model and kind. `alsoCheck` checks more of each (what went upstream).
 */
export async function runEveryPath(
  baseUrl: string,
  request: APIRequestContext,
  prompt: (entry: ModelEntry) => string,
  alsoCheck: (entry: ModelEntry, prompt: string) => Promise<void> = async () => {},
) {
  const file = path.join(process.env.E2E_DATA_ROOT!, `every-path-${Date.now().toString(36)}.png`);
  fs.writeFileSync(file, await solid(512, 384, "#38a169").png().toBuffer());
  const client = sdkFor(baseUrl);
  const image = await client.upload(file);
  const pictures = (entry: ModelEntry) =>
    entry.kind === "text" ? {} : entry.kind === "edit" ? { image } : { images: [image, image] };
  for (const entry of MODEL_REGISTRY) {
    const text = prompt(entry);
    const result = await client.runNoThrow(entry.id, { prompt: text, ...pictures(entry) }, FAST);
    expect(result.detail, entry.id).toMatchObject({ status: "completed", model: entry.id });
    expect(result.outputs, entry.id).toHaveLength(1);
    const { taskId } = result.detail as { taskId: string };
    const view = predictionViewSchema.parse(await (await request.get(`/api/predictions/${taskId}`)).json());
    expect([view.input.model, view.input.edit?.kind ?? "text"], entry.id).toEqual([entry.model, entry.kind]);
    await alsoCheck(entry, text);
  }
}
