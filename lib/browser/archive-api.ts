import { fetchJson } from "./fetcher";

/** `/api/export?…`: a link, so the browser downloads the zip itself. */
export const exportHref = (scope: "all" | "thread" | "sweep" | "filter", query: Record<string, string> = {}) =>
  `/api/export?${new URLSearchParams({ scope, ...query })}`;

export const archiveApi = {
  /** Sends an export zip as the request body. */
  import: (file: Blob) =>
    fetchJson("/api/import", "import", { method: "POST", headers: { "content-type": "application/zip" }, body: file }),
};
