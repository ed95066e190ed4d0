import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { downloadName } from "@/lib/predictions/download-name";

export const dynamic = "force-dynamic";

/** A mirrored original. Files never change once written, so they cache forever. */
export const GET = withErrors<{ params: Promise<{ id: string; file: string }> }>(async (request, { params }) => {
  const { id, file } = await params;
  const index = /^(\d+)\.[a-z0-9]+$/.exec(file)?.[1];
  if (index === undefined) throw new AppError("not_found", `No image "${file}".`, "file");
  const { record, output, blob } = await getServices().predictions.openOutput(id, Number(index));
  const headers: Record<string, string> = {
    "Content-Type": output.contentType,
    "Content-Length": String(blob.size),
    "Cache-Control": "public, max-age=31536000, immutable",
  };
  if (new URL(request.url).searchParams.has("download")) {
    headers["Content-Disposition"] = `attachment; filename="${downloadName(record, output)}"`;
  }
  return new Response(blob.body, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
