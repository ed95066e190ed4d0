"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { StarToggle } from "@/components/annotations/star-toggle";
import { SelectToggle } from "@/components/compare/select-toggle";
import { EditAction } from "@/components/edit/edit-action";
import { useSession } from "@/hooks/use-session";
import type { PredictionView } from "@/lib/playground-api";
import { galleryGridClass } from "./grid";
import { ResultImage } from "./result-image";

// Not needed for the first paint: fetched when the pointer or focus nears an image.
const loadLightbox = () => import("./lightbox");
const Lightbox = dynamic(() => loadLightbox().then((module) => module.Lightbox), { ssr: false });

const shortPrompt = (prompt: string) => (prompt.length > 140 ? `${prompt.slice(0, 139)}…` : prompt);

/** The images of one prediction; a click opens the lightbox, flagged ones wait for a reveal. */
export function Gallery({
  view,
  eager,
  large,
  priority,
}: {
  view: PredictionView;
  eager?: boolean;
  large?: boolean;
  priority?: boolean;
}) {
  const [open, setOpen] = useState<number | null>(null);
  // Stays mounted once opened, so the native <dialog> hands focus back on close.
  const [lightboxUsed, setLightboxUsed] = useState(false);
  const openAt = (position: number) => {
    setLightboxUsed(true);
    setOpen(position);
  };
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const reveal = (index: number) => setRevealed((current) => new Set(current).add(index));
  const first = view.outputs[0];
  if (!first) return null;
  const count = view.outputs.length;

  return (
    <>
      <ul className={galleryGridClass(first.width, first.height, count, large)} aria-label="Images">
        {view.outputs.map((output, position) => (
          <li key={output.index} onPointerEnter={loadLightbox} onFocus={loadLightbox}>
            <ResultImage
              output={output}
              alt={shortPrompt(view.input.prompt)}
              label={`Open image ${position + 1} of ${count}`}
              hidden={output.nsfw && !revealed.has(output.index)}
              eager={eager || (priority && position === 0)}
              priority={priority && position === 0}
              onOpen={() => openAt(position)}
              onReveal={() => reveal(output.index)}
              actions={<ImageActions view={view} output={output} position={position + 1} />}
            />
          </li>
        ))}
      </ul>
      {lightboxUsed && (
        <Lightbox
          view={view}
          index={open}
          revealed={revealed}
          onIndex={setOpen}
          onReveal={reveal}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

/** Star and select-for-compare, the same on every image of a run. */
export function ImageActions({
  view,
  output,
  position,
  look,
}: {
  view: PredictionView;
  output: PredictionView["outputs"][number];
  position: number;
  look?: "overlay" | "plain";
}) {
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
