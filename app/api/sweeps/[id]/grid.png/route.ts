import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** The labelled grid as one PNG (`?download` for an attachment); it changes until the sweep is done. */
export const GET = withErrors<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  const png = await getServices().sweeps.gridPng(id);
  const headers: Record<string, string> = {
    "Content-Type": "image/png",
    "Content-Length": String(png.length),
    "Cache-Control": "no-cache",
  };
  if (new URL(request.url).searchParams.has("download"))
    headers["Content-Disposition"] = `attachment; filename="sweep-${id}.png"`;
  return new Response(new Uint8Array(png), { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
