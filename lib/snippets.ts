import { type PredictionRequest, SUBMIT_PATH } from "./contract";
import { withSeed } from "./domain";

export const SNIPPET_LANGUAGES = ["curl", "javascript", "python"] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export const WAVESPEED_BASE_URL = "https://api.wavespeed.ai";

/** Where a snippet sends its request: the real WaveSpeed API or this playground. */
export type SnippetTarget = { kind: "wavespeed" } | { kind: "self"; baseUrl: string };

/** The body a snippet sends: the form's values, without a seed when it is random. */
export function snippetBody(request: PredictionRequest): Record<string, unknown> {
  const { seed, ...rest } = request;
  return withSeed(rest, seed);
}

const baseOf = (target: SnippetTarget) => (target.kind === "wavespeed" ? WAVESPEED_BASE_URL : target.baseUrl);
const indent = (text: string, spaces: number) => text.replace(/\n/g, `\n${" ".repeat(spaces)}`);
const shellQuote = (text: string) => `'${text.replace(/'/g, `'"'"'`)}'`;

/** A runnable example of the current form; the key only ever appears as a placeholder. */
export function buildSnippet(language: SnippetLanguage, request: PredictionRequest, target: SnippetTarget): string {
  const submitUrl = baseOf(target) + SUBMIT_PATH;
  const json = JSON.stringify(snippetBody(request), null, 2);
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

/** JSON literals become Python literals; strings and numbers are already valid Python. */
function toPython(json: string): string {
  return json.replace(/("(?:[^"\\]|\\.)*")|\b(true|false|null)\b/g, (_match, string: string | undefined, literal: string) =>
    string ? string : ({ true: "True", false: "False", null: "None" } as Record<string, string>)[literal],
  );
}
