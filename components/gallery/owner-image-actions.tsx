"use client";

import { StarToggle } from "@/components/annotations/star-toggle";
import { SelectToggle } from "@/components/compare/select-toggle";
import { EditAction } from "@/components/edit/edit-action";
import type { ImageActionsProps } from "./image-actions";

/** Select for compare, star and Edit: the owner's controls on an image (image-actions.tsx loads them for the owner only). */
export function OwnerImageActions({ view, output, position, look }: ImageActionsProps) {
  return (
    <>
      <SelectToggle
        image={{ id: view.id, index: output.index, thumbUrl: output.thumbUrl, prompt: view.input.prompt }}
        position={position}
        look={look}
      />
      <StarToggle predictionId={view.id} index={output.index} starred={output.starred} position={position} look={look} />
      <EditAction runId={view.id} imageUrl={output.url} position={position} look={look} />
    </>
  );
}
