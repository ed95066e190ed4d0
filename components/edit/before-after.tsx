"use client";

import { useId, useState } from "react";
import type { PredictionView } from "@/lib/playground-api";

/**
 * An edit's before and after. One input: the two on top of each other with a slider between them
 * (its range input works by keyboard too). Multi: the inputs in a row, then the result. Nothing for
 * a text-to-image run, or before the result exists.
 */
export function BeforeAfter({ view, large = false }: { view: PredictionView; large?: boolean }) {
  const edit = view.input.edit;
  const after = view.outputs[0];
  const [position, setPosition] = useState(50);
  const id = useId();
  if (!edit || !after || view.status !== "completed") return null;
  const before = edit.images[0];
  if (edit.kind === "multi")
    return (
      <figure className="flex flex-col gap-2" data-testid="before-after">
        <ul className="flex flex-wrap gap-2" aria-label="Before: the input pictures">
          {edit.images.map((image, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one picture may be given twice; its place is part of what it is
            <li key={`${index}:${image.sha256}`}>
              <img
                src={image.thumbUrl}
                alt={`Input ${index + 1}`}
                className="size-20 rounded-lg border border-border object-cover"
              />
            </li>
          ))}
        </ul>
        <figcaption className="text-xs text-fg-muted">Combined into the image below.</figcaption>
      </figure>
    );
  return (
    <figure className={`flex flex-col gap-2 ${large ? "" : "max-w-md"}`} data-testid="before-after">
      <div
        className="relative w-full overflow-hidden rounded-xl bg-muted"
        style={{ aspectRatio: `${after.width} / ${after.height}` }}
      >
        <img src={after.url} alt={`After: ${view.input.prompt}`} className="absolute inset-0 size-full object-contain" />
        <div className="absolute inset-0" style={{ clipPath: `inset(0 ${100 - position}% 0 0)` }}>
          <img src={before.url} alt="Before" className="size-full object-contain" data-testid="before-image" />
        </div>
        <div aria-hidden="true" className="absolute inset-y-0 w-0.5 bg-white shadow" style={{ left: `${position}%` }} />
      </div>
      <label htmlFor={id} className="flex items-center gap-2 text-xs text-fg-muted">
        Before
        <input
          id={id}
          type="range"
          min={0}
          max={100}
          value={position}
          onChange={(event) => setPosition(Number(event.target.value))}
          aria-label="Before and after"
          className="h-2 flex-1 cursor-pointer"
        />
        After
      </label>
    </figure>
  );
}
