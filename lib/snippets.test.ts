import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildSnippet, SNIPPET_LANGUAGES, snippetBody } from "./snippets";

const request = {
  prompt: `It's a "quoted" prompt`,
  aspect_ratio: "16:9" as const,
  num_images: 2,
  seed: 42,
  guidance_scale: 4.5,
  safety_tolerance: "3" as const,
};
const self = { kind: "self", baseUrl: "http://127.0.0.1:3000" } as const;

describe("buildSnippet", () => {
  it("targets the real endpoint or this server", () => {
    for (const language of SNIPPET_LANGUAGES) {
      expect(buildSnippet(language, request, { kind: "wavespeed" })).toContain(
        "https://api.wavespeed.ai/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image",
      );
      expect(buildSnippet(language, request, self)).toContain(
        "http://127.0.0.1:3000/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image",
      );
    }
  });

  it("sends each model to its own path, named by the path and not in the body", () => {
    const max = buildSnippet("curl", { ...request, model: "max" }, { kind: "wavespeed" });
    expect(max).toContain("https://api.wavespeed.ai/api/v3/wavespeed-ai/flux-kontext-max/text-to-image");
    expect(max).not.toContain('"model"');
    const dev = { model: "dev" as const, prompt: "night", image: "/api/inputs/a.png", size: "768*1024", num_inference_steps: 20 };
    expect(buildSnippet("javascript", dev, self)).toContain('client.run("wavespeed-ai/flux-kontext-dev", {');
    expect(buildSnippet("python", dev, self)).toContain('"size": "768*1024"');
  });

  it("shows the key only as a placeholder", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell variable the snippet carries, as text
    expect(buildSnippet("curl", request, self)).toContain("Bearer ${WAVESPEED_API_KEY}");
    expect(buildSnippet("javascript", request, self)).toContain("process.env.WAVESPEED_API_KEY");
    expect(buildSnippet("python", request, self)).toContain("os.environ['WAVESPEED_API_KEY']");
  });

  it("leaves a random seed out of the body", () => {
    expect(snippetBody({ ...request, seed: -1 })).not.toHaveProperty("seed");
    expect(snippetBody({ ...request, seed: null })).not.toHaveProperty("seed");
    expect(snippetBody(request)).toHaveProperty("seed", 42);
  });

  it("quotes the body so the shell passes it through unchanged", () => {
    const script = buildSnippet("curl", request, self)
      .split("\n# then")[0]
      .replace(/^curl /, "printf '%s' ")
      .replace(/--location --request POST "[^"]*" \\\n(\s+--header "[^"]*" \\\n)+\s+--data-raw /, "");
    const echoed = execFileSync("bash", ["-c", script]).toString();
    expect(JSON.parse(echoed)).toEqual(request);
  });

  it("writes a Python dict literal equal to the JSON body", () => {
    const tricky = { ...request, prompt: 'true or false, null: "x"' };
    const literal = buildSnippet("python", tricky, self).split("payload = ")[1].split("\nsubmitted")[0];
    const program = `import ast, json, sys; print(json.dumps(ast.literal_eval(sys.stdin.read())))`;
    const evaluated = execFileSync("python3", ["-c", program], { input: literal }).toString();
    expect(JSON.parse(evaluated)).toEqual(tricky);
  });

  it("writes JavaScript that parses", () => {
    const source = buildSnippet("javascript", request, self);
    expect(() => new Function(`return (async () => { ${source} })`)).not.toThrow();
  });
});

describe("snippets for edits", () => {
  const edit = { prompt: "make it night", image: "/api/uploads/abc/meadow.png", guidance_scale: 3.5 };

  it("curl posts the edit model with an image URL this server or WaveSpeed can read", () => {
    const here = buildSnippet("curl", edit, self);
    expect(here).toContain('http://127.0.0.1:3000/api/v3/wavespeed-ai/flux-kontext-pro"');
    expect(here).toContain(`"image": "http://127.0.0.1:3000/api/uploads/abc/meadow.png"`);
    const there = buildSnippet("curl", { ...edit, image: "https://pics.example/a.png" }, { kind: "wavespeed" });
    expect(there).toContain(`"image": "https://pics.example/a.png"`);
  });

  it("the SDK uploads the picture with client.upload(), then runs the edit (or multi) model with its URL", () => {
    const single = buildSnippet("javascript", edit, self);
    expect(single).toContain(`new Client(process.env.WAVESPEED_API_KEY, { baseUrl: "http://127.0.0.1:3000" })`);
    expect(single).toContain(`const image = await client.upload("./input.png");`);
    expect(single).toContain(`client.run("wavespeed-ai/flux-kontext-pro", {`);
    expect(single).toMatch(/"prompt": "make it night",[\s\S]*image,\n}\);/);
    const multi = buildSnippet("javascript", { prompt: "together", images: ["/a.png", "/b.png"] }, { kind: "wavespeed" });
    expect(multi).toContain(`["./input-1.png","./input-2.png"].map((file) => client.upload(file))`);
    expect(multi).toContain(`client.run("wavespeed-ai/flux-kontext-pro/multi"`);
  });
});
