"use client";

import { StarToggle } from "@/components/annotations/star-toggle";
import { SelectToggle } from "@/components/compare/select-toggle";
import { EditAction } from "@/components/edit/edit-action";
import { useSession } from "@/hooks/use-session";
import type { PredictionView } from "@/lib/playground-api";

type Props = {
  view: PredictionView;
  output: PredictionView["outputs"][number];
  /** 1-based, for the accessible names only: a number beside an icon reads as a count. */
  position: number;
  look?: "overlay" | "plain";
};

/** Star, select-for-compare and Edit, the same on every image of a run, wherever it is shown. */
export function ImageActions({ view, output, position, look }: Props) {
  // Selecting and starring are the owner's; a guest sees the images alone.
  if (!useSession().owner) return null;
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
