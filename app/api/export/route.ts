import { Readable } from "node:stream";
import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { parseQuery, withErrors } from "@/lib/http/respond";
import { exportQuerySchema, toHistoryQuery } from "@/lib/playground-api";

export const dynamic = "force-dynamic";

/** A zip of finished runs and their images with `manifest.json`: `?scope=all|thread|sweep|filter`. */
export const GET = withErrors(async (request) => {
  const { scope, thread, sweep, ...filters } = parseQuery(exportQuerySchema, request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (scope === "thread" && !thread) throw new AppError("invalid_request", "scope=thread needs thread=<id>", "thread");
  if (scope === "sweep" && !sweep) throw new AppError("invalid_request", "scope=sweep needs sweep=<id>", "sweep");
  const stream = await getServices().archive.export(
    scope === "thread"
      ? { kind: "thread", threadId: thread! }
      : scope === "sweep"
        ? { kind: "sweep", sweepId: sweep! }
        : scope === "filter"
          ? { kind: "filter", query: toHistoryQuery(filters) }
          : { kind: "all" },
    query,
  );
  const name = `kontext-export-${scope}-${new Date().toISOString().slice(0, 10)}.zip`;
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
