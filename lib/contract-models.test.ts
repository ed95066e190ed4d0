import { describe, expect, it } from "vitest";
import { DEV_DEFAULTS, MODEL_REGISTRY } from "@/lib/domain";
import { describeIssues, kindedRunRequestSchema, REQUEST_SCHEMAS, requestSchemaOf, runRequestSchema } from "./contract";

/** What a refusal names, as the 400 envelope does. */
function refusal(body: unknown) {
  const result = runRequestSchema.safeParse(body);
  expect(result.success).toBe(false);
  return result.success ? undefined : describeIssues(result.error);
}

describe("a run's body on the family of models", () => {
  it("names the model ([pro] when absent) and the kind its fields make, with that path's defaults", () => {
    expect(runRequestSchema.parse({ prompt: "a fox" })).toMatchObject({ kind: "text", model: "pro", aspect_ratio: "1:1" });
    expect(runRequestSchema.parse({ prompt: "a fox", model: "max", num_images: 2 })).toMatchObject({
      kind: "text",
      model: "max",
      num_images: 2,
    });
    expect(runRequestSchema.parse({ prompt: "night", model: "dev", image: "https://example.com/a.png" })).toMatchObject({
      kind: "edit",
      model: "dev",
      num_inference_steps: DEV_DEFAULTS.num_inference_steps,
      guidance_scale: DEV_DEFAULTS.guidance_scale,
      output_format: "jpeg",
    });
    expect(
      runRequestSchema.parse({ prompt: "one", model: "dev-ultra-fast", images: ["https://example.com/a.png"], size: "768*1024" }),
    ).toMatchObject({ kind: "multi", model: "dev-ultra-fast", size: "768*1024" });
    expect(kindedRunRequestSchema.parse({ kind: "text", prompt: "x" })).toMatchObject({ model: "pro" });
  });

  it("refuses each model's own ranges with the field named", () => {
    expect(refusal({ prompt: "x", size: "1024*1024" })).toMatchObject({ field: "size" });
    expect(refusal({ prompt: "x", model: "max", num_inference_steps: 20 })).toMatchObject({ field: "num_inference_steps" });
    const image = "https://example.com/a.png";
    expect(refusal({ prompt: "x", model: "dev", image, num_inference_steps: 51 })).toEqual({
      field: "num_inference_steps",
      message: "num_inference_steps must be an integer from 1 to 50",
    });
    expect(refusal({ prompt: "x", model: "dev", image, size: "100*100" })).toMatchObject({ field: "size" });
    expect(refusal({ prompt: "x", model: "dev", image, aspect_ratio: "1:1" })).toMatchObject({ field: "aspect_ratio" });
    expect(refusal({ prompt: "x", model: "dev", image, safety_tolerance: "3" })).toMatchObject({ field: "safety_tolerance" });
    expect(refusal({ prompt: "x", model: "max", images: [image] })).toMatchObject({ field: "images" });
  });

  it("refuses a model that does not serve the kind, or none of the family, naming model", () => {
    const dev = refusal({ prompt: "x", model: "dev" });
    expect(dev?.field).toBe("model");
    expect(dev?.message).toMatch(/^model must be one that serves text-to-image \(\[pro\] or \[max\]\)/);
    expect(refusal({ prompt: "x", model: "ultra" })).toEqual({
      field: "model",
      message: "model must be one of pro, max, dev, dev-ultra-fast",
    });
    expect(refusal({ prompt: "x", model: "ultra", image: "https://example.com/a.png" })).toMatchObject({ field: "model" });
  });

  it("gives every path of the registry a schema of its own kind", () => {
    for (const entry of MODEL_REGISTRY) {
      const body = {
        prompt: "x",
        ...(entry.kind === "edit" ? { image: "a" } : entry.kind === "multi" ? { images: ["a", "b"] } : {}),
      };
      expect(requestSchemaOf(entry).safeParse(body).success, entry.id).toBe(true);
      expect(Object.keys(REQUEST_SCHEMAS)).toContain(entry.schema);
    }
  });
});
