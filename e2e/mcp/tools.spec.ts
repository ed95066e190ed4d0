import { expect, test } from "@playwright/test";
import Ajv from "ajv";
import { uniqueToken } from "../wavespeed/upstream";
import { callTool, connectAssistant, imagesOf, runOf, textOf } from "./assistant";

const TOOLS = ["compare_link", "edit", "generate", "get_run", "note", "search_runs", "star", "sweep"];

test("lists its tools, each with an input and output schema that is valid JSON Schema and takes what the tool takes", async ({
  baseURL,
}) => {
  const assistant = await connectAssistant(baseURL!);
  try {
    const { tools } = await assistant.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
    const ajv = new Ajv({ strict: true, allErrors: true });
    for (const tool of tools) {
      expect(tool.description, tool.name).toBeTruthy();
      expect(tool.inputSchema.type, tool.name).toBe("object");
      expect(() => ajv.compile(tool.inputSchema), `${tool.name} input`).not.toThrow();
      expect(() => ajv.compile(tool.outputSchema!), `${tool.name} output`).not.toThrow();
    }
    const schema = (name: string) => ajv.compile(tools.find((tool) => tool.name === name)!.inputSchema);
    expect(schema("generate")({ prompt: "a kite", aspect_ratio: "16:9", num_images: 2 })).toBe(true);
    expect(schema("generate")({ aspect_ratio: "16:9" })).toBe(false);
    expect(schema("generate")({ prompt: "a kite", num_images: 5 })).toBe(false);
    expect(schema("generate")({ prompt: "a kite", model: "max" })).toBe(true);
    expect(schema("generate")({ prompt: "a kite", model: "dev" })).toBe(false);
    expect(schema("edit")({ prompt: "night", image: { run_id: "abc", index: 1 } })).toBe(true);
    expect(schema("sweep")({ base: { prompt: "a fox" }, x: { field: "seed", random: 4 } })).toBe(true);
    expect(schema("search_runs")({ query: "fox", starred: true, limit: 5 })).toBe(true);

    // This server runs the local engine: nothing spends money, and the tools that could say so.
    const described = Object.fromEntries(tools.map((tool) => [tool.name, tool.description ?? ""]));
    for (const name of ["generate", "edit", "sweep"]) expect(described[name], name).toContain("Free on this server");
    for (const name of ["get_run", "search_runs", "star", "note", "compare_link"])
      expect(described[name], name).toContain("Free.");
  } finally {
    await assistant.close();
  }
});

test("bad arguments are tool errors that name the field, never transport errors; the session goes on", async ({ baseURL }) => {
  const assistant = await connectAssistant(baseURL!);
  try {
    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      ["generate", { prompt: "" }, /prompt must be non-empty text at prompt/],
      ["generate", { prompt: "a kite", aspect_ratio: "5:4" }, /aspect_ratio must be one of .* at aspect_ratio/],
      ["generate", { prompt: "a kite", seed: 1.5 }, /seed must be an integer .* at seed/],
      ["generate", { prompt: "a kite", model: "dev" }, /model must be one of pro, max at model/],
      ["edit", { prompt: "make it night" }, /give image \(one picture\) or images/],
      [
        "edit",
        { prompt: "make it night", image: { run_id: "abc", url: "https://example.com/a.png" } },
        /exactly one of .* at image/,
      ],
      [
        "edit",
        { prompt: "make it night", image: { run_id: "no-such-run" } },
        /No run with id "no-such-run"[\s\S]*field: image\.run_id/,
      ],
      ["edit", { prompt: "make it night", images: [{ base64: "aGVsbG8=" }, { base64: "aGVsbG8=" }] }, /field: images\.0/],
      ["edit", { prompt: "make it night", image: { url: "https://127.0.0.1/a.png" } }, /field: image\b/],
      [
        "sweep",
        {
          base: { prompt: "a fox" },
          x: { field: "seed", random: 20 },
          y: { field: "guidance_scale", values: Array.from({ length: 20 }, (_, step) => 1 + step * 0.25) },
        },
        /The grid would have 400 cells; at most 64 are allowed[\s\S]*field: cells/,
      ],
      ["star", { id: "no-such-run" }, /No prediction with id "no-such-run"[\s\S]*field: id/],
      ["note", { id: "no-such-run", note: "x".repeat(5000) }, /at note/],
      ["compare_link", { images: [{ run_id: "a" }] }, /images must be a list of 2 to 4 images at images/],
      ["no_such_tool", {}, /Tool no_such_tool not found/],
    ];
    for (const [name, args, message] of refusals) {
      const answer = await callTool(assistant, name, args);
      expect(answer.isError, `${name} ${JSON.stringify(args).slice(0, 80)}`).toBe(true);
      expect(textOf(answer), name).toMatch(message);
    }
    expect((await assistant.listTools()).tools).toHaveLength(TOOLS.length);
  } finally {
    await assistant.close();
  }
});

test("generate and edit run the model they are asked for, and a sweep can put [pro] and [max] side by side", async ({
  baseURL,
}) => {
  test.setTimeout(120_000);
  const token = uniqueToken("mcp-model");
  const assistant = await connectAssistant(baseURL!);
  try {
    const generated = await callTool(assistant, "generate", { prompt: `${token} a kite`, model: "max", seed: 5 });
    expect(generated.isError, textOf(generated)).toBeFalsy();
    expect(runOf(generated)).toMatchObject({ model: "max", status: "completed", seed: 5 });
    expect(textOf(generated)).toContain("FLUX.1 Kontext [max] · seed 5");

    const edited = await callTool(assistant, "edit", {
      prompt: `${token} make it night`,
      image: { run_id: runOf(generated).id },
    });
    expect(edited.isError, textOf(edited)).toBeFalsy();
    expect(runOf(edited)).toMatchObject({ model: "pro", status: "completed" });

    const swept = await callTool(assistant, "sweep", {
      base: { prompt: `${token} a lighthouse`, seed: 9 },
      x: { field: "model", values: ["pro", "max"] },
    });
    expect(swept.isError, textOf(swept)).toBeFalsy();
    const found = await callTool(assistant, "search_runs", { query: `${token} a lighthouse` });
    const cells = (found.structuredContent as { runs: Array<{ model: string; prompt: string; seed: number }> }).runs;
    expect(cells.map((cell) => [cell.model, cell.prompt, cell.seed]).sort()).toEqual([
      ["max", `${token} a lighthouse`, 9],
      ["pro", `${token} a lighthouse`, 9],
    ]);
    expect(textOf(found)).toMatch(/\[max\][\s\S]*\[pro\]|\[pro\][\s\S]*\[max\]/);
  } finally {
    await assistant.close();
  }
});

test("search finds runs by their words, star and note; no pictures unless asked; compare_link lines images up", async ({
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const token = uniqueToken("mcp-search");
  const assistant = await connectAssistant(baseURL!);
  try {
    const first = runOf(await callTool(assistant, "generate", { prompt: `${token} a red kite over dunes` }));
    const second = runOf(await callTool(assistant, "generate", { prompt: `${token} a blue kite over the sea`, num_images: 2 }));

    const found = await callTool(assistant, "search_runs", { query: token });
    expect(found.isError, textOf(found)).toBeFalsy();
    expect((found.structuredContent as { runs: Array<{ id: string }> }).runs.map((run) => run.id)).toEqual([second.id, first.id]);
    expect(imagesOf(found)).toEqual([]);
    expect(textOf(found)).toContain(first.shareUrl);
    const pictured = await callTool(assistant, "search_runs", { query: token, include_images: true });
    expect(imagesOf(pictured)).toHaveLength(2);
    const narrowed = await callTool(assistant, "search_runs", { query: `${token} a blue kite` });
    expect((narrowed.structuredContent as { runs: unknown[] }).runs).toHaveLength(1);

    const starred = await callTool(assistant, "star", { id: second.id, index: 1 });
    expect(runOf(starred).images.map((image) => image.starred)).toEqual([false, true]);
    const noted = await callTool(assistant, "note", { id: first.id, note: `${token} keep this one` });
    expect(runOf(noted).note).toBe(`${token} keep this one`);
    const stars = await callTool(assistant, "search_runs", { query: token, starred: true });
    expect((stars.structuredContent as { runs: Array<{ id: string }> }).runs.map((run) => run.id)).toEqual([second.id]);
    const notes = await callTool(assistant, "search_runs", { query: token, has_note: true });
    expect((notes.structuredContent as { runs: Array<{ id: string }> }).runs.map((run) => run.id)).toEqual([first.id]);

    const read = await callTool(assistant, "get_run", { id: first.id });
    expect(runOf(read)).toMatchObject({ id: first.id, note: `${token} keep this one`, prompt: `${token} a red kite over dunes` });
    expect(imagesOf(read)).toEqual([]);
    expect(imagesOf(await callTool(assistant, "get_run", { id: first.id, include_images: true }))).toHaveLength(1);

    const compared = await callTool(assistant, "compare_link", {
      images: [
        { run_id: first.id, index: 0 },
        { run_id: second.id, index: 1 },
      ],
    });
    const { url } = compared.structuredContent as { url: string };
    expect(url).toBe(`${baseURL}/compare?i=${first.id}.0&i=${second.id}.1`);
    const page = await request.get(url);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain(`${token} a blue kite over the sea`);
  } finally {
    await assistant.close();
  }
});

test("recent runs are resources with their pictures; the served contract's OpenAPI document is one too", async ({ baseURL }) => {
  const token = uniqueToken("mcp-resources");
  const assistant = await connectAssistant(baseURL!);
  try {
    const run = runOf(await callTool(assistant, "generate", { prompt: `${token} a paper boat`, num_images: 2 }));
    const { resources } = await assistant.listResources();
    expect(resources.map((resource) => resource.uri)).toContain(`kontext://runs/${run.id}`);
    const read = await assistant.readResource({ uri: `kontext://runs/${run.id}` });
    expect(read.contents.map((part) => [part.uri, part.mimeType])).toEqual([
      [`kontext://runs/${run.id}`, "application/json"],
      [`kontext://runs/${run.id}/images/0`, "image/jpeg"],
      [`kontext://runs/${run.id}/images/1`, "image/jpeg"],
    ]);
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({
      id: run.id,
      prompt: `${token} a paper boat`,
    });

    const openapi = await assistant.readResource({ uri: "kontext://openapi.json" });
    const document = JSON.parse((openapi.contents[0] as { text: string }).text);
    expect(document.openapi).toMatch(/^3\.1/);
    expect(Object.keys(document.paths)).toContain("/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image");
    await expect(assistant.readResource({ uri: "kontext://runs/no-such-run" })).rejects.toThrow(/No run with id/);
  } finally {
    await assistant.close();
  }
});
