import { NextResponse } from "next/server";
import { callerFrom } from "@/lib/access/caller";
import { getServices } from "@/lib/composition-root";
import { maxSubmitBodyBytes, type RequestKind, submitQuerySchema } from "@/lib/contract";
import { entryById, MAX_MULTI_IMAGES, type ModelEntry } from "@/lib/domain";
import { getEnv } from "@/lib/env";
import { requestBaseUrl } from "@/lib/http/base-url";
import { otherMethods } from "@/lib/http/methods";
import { parseQuery, readJsonBody, withErrors } from "@/lib/http/respond";
import { notServed } from "@/lib/predictions/served/served-api";

const IMAGES: Record<RequestKind, number> = { text: 0, edit: 1, multi: MAX_MULTI_IMAGES };

/**
 * The submit of one model path as WaveSpeed serves it, with `enable_sync_mode`, `enable_base64_output`
 * and `?webhook=`. The body may carry base64 images, so its cap grows by one image's worth per image
 * the path takes. With ACCESS_TOKEN set, the proxy has checked the Bearer header.
 */
async function submit(request: Request, entry: ModelEntry): Promise<Response> {
  const { webhook } = parseQuery(submitQuerySchema, request);
  const body = await readJsonBody(request, maxSubmitBodyBytes(getEnv().MAX_BODY_BYTES, IMAGES[entry.kind]));
  const { status, envelope } = await getServices().served.submit({
    entry,
    body,
    webhook,
    baseUrl: requestBaseUrl(request.headers),
    signal: request.signal,
    caller: callerFrom(request.headers),
    idempotencyKey: request.headers.get("idempotency-key"),
  });
  return NextResponse.json(envelope, { status });
}

const methods: Record<string, ((request: Request) => Response) | undefined> = otherMethods({ POST: submit });

/**
 * Every path under /api/v3 that no route of its own serves: a model path of the registry
 * (lib/domain/models.ts) takes a submit, so a model added there is served with nothing added here;
 * anything else is a JSON 404 that names it.
 */
export const servedPath = withErrors<{ params: Promise<{ path?: string[] }> }>(async (request, { params }) => {
  const segments = (await params).path ?? [];
  const entry = entryById(segments.join("/"));
  if (!entry) throw notServed(request.method, segments);
  if (request.method === "POST") return submit(request, entry);
  const other = methods[request.method];
  if (!other) throw notServed(request.method, segments);
  return other(request);
});
