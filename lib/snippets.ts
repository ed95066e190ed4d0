import { type AnyPredictionRequest, isEditRequest, modelPath, requestKindOf } from "./contract";
import { DEFAULT_MODEL, entryOf, withSeed } from "./domain";

export const SNIPPET_LANGUAGES = ["curl", "javascript", "python"] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export const WAVESPEED_BASE_URL = "https://api.wavespeed.ai";

/** Where a snippet sends its request: the real WaveSpeed API or this playground. */
export type SnippetTarget = { kind: "wavespeed" } | { kind: "self"; baseUrl: string };

/** The body a snippet sends: the form's values, without a seed when it is random; the model is named by the path. */
export function snippetBody(request: AnyPredictionRequest): Record<string, unknown> {
  const { seed, model: _model, ...rest } = request;
  return withSeed(rest, seed);
}

/** The model path a request goes to (lib/domain/models.ts): its model and the kind its fields make. */
const entryFor = (request: AnyPredictionRequest) => {
  const kind = requestKindOf(request);
  return entryOf({ model: request.model ?? DEFAULT_MODEL, edit: kind === "text" ? undefined : { kind } });
};

/** A picture held by this playground is a URL on it for this server, and a stand-in for WaveSpeed (upload it there first). */
const imageUrlFor = (ref: string, target: SnippetTarget, index: number) => {
  if (!ref.startsWith("/")) return ref;
  return target.kind === "self" ? target.baseUrl + ref : `https://example.com/your-image-${index + 1}.png`;
};

/** An edit's body with its pictures as URLs the target can read. */
function editBody(request: AnyPredictionRequest, target: SnippetTarget): Record<string, unknown> {
  const body = snippetBody(request);
  if (typeof body.image === "string") body.image = imageUrlFor(body.image, target, 0);
  if (Array.isArray(body.images)) body.images = body.images.map((ref: string, index) => imageUrlFor(ref, target, index));
  return body;
}

/** The JSON body a WaveSpeed client sends for this request, pictures as URLs the target can read. */
export const requestBody = (request: AnyPredictionRequest, target: SnippetTarget) =>
  isEditRequest(request) ? editBody(request, target) : snippetBody(request);

const baseOf = (target: SnippetTarget) => (target.kind === "wavespeed" ? WAVESPEED_BASE_URL : target.baseUrl);
const indent = (text: string, spaces: number) => text.replace(/\n/g, `\n${" ".repeat(spaces)}`);
const shellQuote = (text: string) => `'${text.replace(/'/g, `'"'"'`)}'`;

/** A runnable example of the current form; the key only ever appears as a placeholder. */
export function buildSnippet(language: SnippetLanguage, request: AnyPredictionRequest, target: SnippetTarget): string {
  const submitUrl = baseOf(target) + modelPath(entryFor(request));
  if (isEditRequest(request) && language === "javascript") return sdkEditSnippet(request, target);
  const json = JSON.stringify(requestBody(request, target), null, 2);
  switch (language) {
    case "curl":
      return [
        `curl --location --request POST "${submitUrl}" \\`,
        `  --header "Content-Type: application/json" \\`,
        `  --header "Authorization: Bearer \${WAVESPEED_API_KEY}" \\`,
        `  --data-raw ${indent(shellQuote(json), 2)}`,
        ``,
        `# then, with the id from the answer:`,
        `curl --location --request GET "${baseOf(target)}/api/v3/predictions/\${requestId}/result" \\`,
        `  --header "Authorization: Bearer \${WAVESPEED_API_KEY}"`,
      ].join("\n");
    case "javascript":
      return [
        `const headers = {`,
        `  "Content-Type": "application/json",`,
        `  Authorization: \`Bearer \${process.env.WAVESPEED_API_KEY}\`,`,
        `};`,
        `const submitted = await fetch("${submitUrl}", {`,
        `  method: "POST",`,
        `  headers,`,
        `  body: JSON.stringify(${indent(json, 2)}),`,
        `}).then((response) => response.json());`,
        ``,
        `let result = submitted;`,
        `while (!["completed", "failed"].includes(result.data.status)) {`,
        `  await new Promise((resolve) => setTimeout(resolve, 1000));`,
        `  result = await fetch(submitted.data.urls.get, { headers }).then((response) => response.json());`,
        `}`,
        `console.log(result.data.status, result.data.outputs, result.data.error);`,
      ].join("\n");
    case "python":
      return [
        `import os, time, requests`,
        ``,
        `headers = {`,
        `    "Content-Type": "application/json",`,
        `    "Authorization": f"Bearer {os.environ['WAVESPEED_API_KEY']}",`,
        `}`,
        `payload = ${indent(toPython(json), 0)}`,
        `submitted = requests.post("${submitUrl}", json=payload, headers=headers).json()`,
        ``,
        `result = submitted`,
        `while result["data"]["status"] not in ("completed", "failed"):`,
        `    time.sleep(1)`,
        `    result = requests.get(submitted["data"]["urls"]["get"], headers=headers).json()`,
        `print(result["data"]["status"], result["data"]["outputs"], result["data"]["error"])`,
      ].join("\n");
  }
}

/** An edit with the official SDK: upload the picture(s) from disk, then run the edit model with the URL(s) it answers. */
function sdkEditSnippet(request: AnyPredictionRequest, target: SnippetTarget): string {
  const { image: _image, images, ...fields } = snippetBody(request) as { image?: string; images?: string[] };
  const multi = Array.isArray(images);
  const files = multi ? images.map((_ref, index) => `./input-${index + 1}.png`) : ["./input.png"];
  const options = target.kind === "self" ? `, { baseUrl: "${target.baseUrl}" }` : "";
  const body = JSON.stringify(fields, null, 2).replace(/\n}$/, multi ? ",\n  images,\n}" : ",\n  image,\n}");
  return [
    `import { Client } from "wavespeed";`,
    ``,
    `const client = new Client(process.env.WAVESPEED_API_KEY${options});`,
    multi
      ? `const images = await Promise.all(${JSON.stringify(files)}.map((file) => client.upload(file)));`
      : `const image = await client.upload("${files[0]}");`,
    `const { outputs } = await client.run("${entryFor(request).id}", ${indent(body, 0)});`,
    `console.log(outputs);`,
  ].join("\n");
}

/** JSON literals become Python literals; strings and numbers are already valid Python. */
function toPython(json: string): string {
  return json.replace(/("(?:[^"\\]|\\.)*")|\b(true|false|null)\b/g, (_match, string: string | undefined, literal: string) =>
    string ? string : ({ true: "True", false: "False", null: "None" } as Record<string, string>)[literal],
  );
}
