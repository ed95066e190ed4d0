import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** A WebP thumbnail for grids; never the full-size original. */
export const GET = withErrors<{ params: Promise<{ id: string; file: string }> }>(async (_request, { params }) => {
  const { id, file } = await params;
  const index = /^(\d+)\.webp$/.exec(file)?.[1];
  if (index === undefined) throw new AppError("not_found", `No thumbnail "${file}".`, "file");
  const bytes = await getServices().predictions.files.readThumbnail(id, Number(index));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
