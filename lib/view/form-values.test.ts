import { describe, expect, it } from "vitest";
import { validateValues } from "./form-validation";
import { DEFAULT_VALUES, playgroundHref, requestFromInput, valuesFromInput, valuesFromQuery, valuesToQuery } from "./form-values";

const query = (text: string) => new URLSearchParams(text);

describe("form values and the URL", () => {
  it("reads every setting from the short query keys", () => {
    expect(valuesFromQuery(query("model=max&prompt=Snowy+forest&ar=9:16&n=3&seed=7&g=6.5&safety=4"))).toEqual({
      model: "max",
      prompt: "Snowy forest",
      aspect_ratio: "9:16",
      num_images: 3,
      seed: "7",
      guidance_scale: "6.5",
      safety_tolerance: "4",
      size: "",
      num_inference_steps: "28",
    });
    expect(valuesFromQuery(query("model=dev&size=768*1024&steps=12"))).toMatchObject({
      model: "dev",
      size: "768*1024",
      num_inference_steps: "12",
    });
    expect(valuesFromQuery(query("model=ultra")).model).toBe("pro");
  });

  it("falls back to the defaults for values a picker cannot show, but keeps typed text to flag it", () => {
    const values = valuesFromQuery(query("ar=5:4&n=9&safety=7&g=11&seed=abc"));
    expect(values).toMatchObject({
      aspect_ratio: "1:1",
      num_images: 1,
      safety_tolerance: "2",
      guidance_scale: "11",
      seed: "abc",
    });
  });

  it("writes only what differs from the defaults, and round-trips", () => {
    expect(valuesToQuery(DEFAULT_VALUES).toString()).toBe("");
    const values = { ...DEFAULT_VALUES, prompt: "a & b", aspect_ratio: "16:9" as const, num_images: 2 };
    expect(valuesToQuery(values).toString()).toBe("prompt=a+%26+b&ar=16%3A9&n=2");
    expect(valuesFromQuery(valuesToQuery(values))).toEqual(values);
  });

  it("links a prediction's input to a prefilled playground, with the seed that was used", () => {
    const input = {
      prompt: "Harbour",
      aspect_ratio: "3:2" as const,
      num_images: 4,
      seed: 99,
      guidance_scale: 7,
      safety_tolerance: "5" as const,
    };
    expect(playgroundHref(valuesFromInput(input))).toBe("/?prompt=Harbour&ar=3%3A2&n=4&seed=99&g=7.0&safety=5");
    expect(playgroundHref(DEFAULT_VALUES)).toBe("/");
  });
});

describe("validation with the contract's schema", () => {
  it("turns a valid form into a request, leaving the seed out when it is random", () => {
    expect(validateValues({ ...DEFAULT_VALUES, prompt: "  Harbour " })).toEqual({
      request: {
        model: "pro",
        prompt: "Harbour",
        aspect_ratio: "1:1",
        num_images: 1,
        guidance_scale: 3.5,
        safety_tolerance: "2",
      },
    });
    expect(validateValues({ ...DEFAULT_VALUES, prompt: "x", seed: "-1" }).request).not.toHaveProperty("seed");
    expect(validateValues({ ...DEFAULT_VALUES, prompt: "x", seed: "42" }).request).toMatchObject({ seed: 42 });
  });

  it("checks each model's own fields: [dev] a size and steps, and edits only", () => {
    const edit = { images: ["/api/inputs/a.png"], matchInput: true, multi: false };
    const dev = { ...DEFAULT_VALUES, model: "dev" as const, prompt: "night", size: "768*1024", num_inference_steps: "12" };
    expect(validateValues(dev, edit).request).toMatchObject({
      model: "dev",
      image: "/api/inputs/a.png",
      size: "768*1024",
      num_inference_steps: 12,
    });
    expect(validateValues(dev, edit).request).not.toHaveProperty("aspect_ratio");
    expect(validateValues({ ...dev, num_inference_steps: "70", size: "9*9" }, edit).errors).toEqual({
      num_inference_steps: "Steps must be an integer from 1 to 50",
      size: expect.stringMatching(/^Size must be a pixel size written "W\*H"/),
    });
    expect(validateValues(dev).errors?.model).toMatch(/^Model must be one that serves text-to-image/);
    expect(validateValues({ ...DEFAULT_VALUES, model: "max", prompt: "x" }).request).toMatchObject({ model: "max" });
  });

  it("names every invalid field in words a person reads", () => {
    const { errors } = validateValues({ ...DEFAULT_VALUES, prompt: " ", seed: "3e9", guidance_scale: "11" });
    expect(errors).toEqual({
      prompt: "Describe the image you want",
      seed: "Seed must be an integer from -1 to 2147483647 (-1 means random)",
      guidance_scale: "Guidance scale must be a number from 1.0 to 10.0",
    });
  });

  it("flags a prompt with nothing visible in it, or longer than the model reads, before anything is sent", () => {
    expect(validateValues({ ...DEFAULT_VALUES, prompt: "\u200b\u200b" }).errors?.prompt).toBe(
      "Prompt must be text with at least one visible character, not only spaces or invisible ones",
    );
    expect(validateValues({ ...DEFAULT_VALUES, prompt: "a".repeat(2001) }).errors?.prompt).toMatch(
      /^Prompt must be at most 2000 characters/,
    );
  });

  it("rejects a fractional seed and an empty guidance scale", () => {
    const { errors } = validateValues({ ...DEFAULT_VALUES, prompt: "x", seed: "1.5", guidance_scale: "" });
    expect(Object.keys(errors ?? {})).toEqual(["seed", "guidance_scale"]);
  });

  it("rebuilds a request from an input, with a chosen seed or a random one", () => {
    const input = {
      prompt: "Harbour",
      aspect_ratio: "3:2" as const,
      num_images: 2,
      guidance_scale: 4,
      safety_tolerance: "3" as const,
    };
    expect(requestFromInput(input, 7)).toEqual({ model: "pro", ...input, seed: 7 });
    expect(requestFromInput(input, null)).toEqual({ model: "pro", ...input });
    expect(requestFromInput({ ...input, model: "max" }, null)).toMatchObject({ model: "max" });
  });
});
