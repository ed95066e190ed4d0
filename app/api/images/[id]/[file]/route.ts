import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { downloadName } from "@/lib/predictions/downloads/download-name";

export const dynamic = "force-dynamic";

/**
 * A mirrored original. Files never change once written, so they cache forever. `?download` sends it
 * as an attachment named from the prompt and seed, with its recipe embedded.
 */
export const GET = withErrors<{ params: Promise<{ id: string; file: string }> }>(async (request, { params }) => {
  const { id, file } = await params;
  const index = /^(\d+)\.[a-z0-9]+$/.exec(file)?.[1];
  if (index === undefined) throw new AppError("not_found", `No image "${file}".`, "file");
  if (new URL(request.url).searchParams.has("download")) {
    const { record, output, bytes } = await getServices().predictions.files.downloadOutput(id, Number(index));
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": output.contentType,
        "Content-Length": String(bytes.length),
        "Content-Disposition": `attachment; filename="${downloadName(record, output)}"`,
        "Cache-Control": "private, max-age=3600",
      },
    });
  }
  const { output, blob } = await getServices().predictions.files.openOutput(id, Number(index));
  const headers = {
    "Content-Type": output.contentType,
    "Content-Length": String(blob.size),
    "Cache-Control": "public, max-age=31536000, immutable",
  };
  return new Response(blob.body, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
