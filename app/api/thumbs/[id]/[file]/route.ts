import { getServices } from "@/lib/composition-root";
import { AppError } from "@/lib/errors";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";
import { isThumbWidth, THUMB_WIDTHS } from "@/lib/view/image-sizes";

export const dynamic = "force-dynamic";

/** A WebP thumbnail for grids (`{n}.webp`, or `{n}.w{width}.webp` in one of the offered widths); never the full-size original. */
export const GET = withErrors<{ params: Promise<{ id: string; file: string }> }>(async (_request, { params }) => {
  const { id, file } = await params;
  const match = /^(\d+)(?:\.w(\d+))?\.webp$/.exec(file);
  if (!match) throw new AppError("not_found", `No thumbnail "${file}".`, "file");
  const width = match[2] === undefined ? undefined : Number(match[2]);
  if (width !== undefined && !isThumbWidth(width))
    throw new AppError("not_found", `No thumbnail "${file}": widths are ${THUMB_WIDTHS.join(", ")}.`, "file");
  const bytes = await getServices().predictions.files.readThumbnail(id, Number(match[1]), width);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
