"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { NoteEditor } from "@/components/annotations/note-editor";
import { ParamsList } from "@/components/prediction/params-list";
import { buttonClass } from "@/components/ui/button";
import { ChevronIcon, CloseIcon, ZoomIcon } from "@/components/ui/icons";
import { useRevealed } from "@/hooks/use-id-sets";
import { usePrediction } from "@/hooks/use-prediction";
import { usePredictionLookup } from "@/hooks/use-prediction-lookup";
import { imageKey, revealedImages } from "@/lib/browser/id-set-store";
import { stepImage } from "@/lib/view/lightbox-steps";
import { LightboxActions } from "./lightbox-actions";
import type { LightboxTarget } from "./lightbox-context";

type Props = { target: LightboxTarget | null; onMove: (target: LightboxTarget) => void; onClose: () => void };

/**
 * A native modal <dialog>: focus is trapped and Esc closes it without extra code. ←/→ go through
 * the run's images and on into the next and previous runs on the page; Z zooms to actual size.
 */
export function Lightbox({ target, onMove, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const { data: view } = usePrediction(target?.id ?? "", undefined, { enabled: Boolean(target) });
  const lookup = usePredictionLookup();
  // Zoom belongs to one image: each image opens fitted to the screen.
  const at = target ? `${target.id}.${target.index}` : "";
  const [zoomedAt, setZoomedAt] = useState<string | null>(null);
  const zoomed = zoomedAt === at;
  const toggleZoom = () => setZoomedAt((current) => (current === at ? null : at));
  const output = target && view?.status === "completed" ? view.outputs[target.index] : undefined;
  const revealed = useRevealed(target?.id ?? "", output?.index ?? -1);
  const open = Boolean(target && output);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const stepTo = (step: 1 | -1) => (target ? stepImage(target, step, target.sequence, lookup) : undefined);
  const previous = stepTo(-1);
  const next = stepTo(1);
  const move = (spot: typeof next) => spot && target && onMove({ ...target, ...spot });
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement).closest("textarea, input")) return;
    if (event.key === "ArrowRight") move(next);
    else if (event.key === "ArrowLeft") move(previous);
    else if (event.key === "z" || event.key === "Z") toggleZoom();
    else return;
    event.preventDefault();
  };

  const count = view?.outputs.length ?? 0;
  const runs = target?.sequence.length ?? 0;
  const hidden = output ? output.nsfw && !revealed : false;

  return (
    <dialog
      ref={dialog}
      aria-labelledby="lightbox-title"
      onClose={onClose}
      onKeyDown={onKeyDown}
      data-testid="lightbox"
      data-run={target?.id}
      data-image={target?.index}
      className="m-0 size-full max-h-none max-w-none bg-scrim p-0 text-fg backdrop:bg-scrim"
    >
      {view && output && target && (
        <div className="flex h-full flex-col lg:flex-row">
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a click beside the image closes, as on the backdrop; Esc and the Close button do it by keyboard */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: as above, the keyboard closes with Esc */}
          <div
            className={`relative min-h-0 flex-1 ${zoomed ? "overflow-auto" : "flex items-center justify-center p-4"}`}
            onClick={(event) => event.target === event.currentTarget && onClose()}
          >
            {/* The original, as is. */}
            <img
              src={output.url}
              alt={view.input.prompt}
              width={output.width}
              height={output.height}
              data-testid="lightbox-image"
              className={
                zoomed ? "max-w-none" : `max-h-full max-w-full rounded-lg object-contain shadow-2xl ${hidden ? "blur-2xl" : ""}`
              }
            />
            {hidden && (
              <button
                type="button"
                onClick={() => revealedImages.add(imageKey(view.id, output.index))}
                className={buttonClass({ className: "absolute inset-x-0 mx-auto w-fit top-1/2" })}
              >
                Click to reveal
              </button>
            )}
            <div className={`flex gap-2 ${zoomed ? "fixed" : "absolute"} top-3 left-3`}>
              <button
                type="button"
                aria-pressed={zoomed}
                onClick={() => toggleZoom()}
                className={buttonClass({ size: "sm" })}
                disabled={hidden}
              >
                <ZoomIcon />
                {zoomed ? "Fit to screen" : "Actual size"}
              </button>
            </div>
            <NavButton label="Previous image" side="left" fixed={zoomed} disabled={!previous} onClick={() => move(previous)} />
            <NavButton label="Next image" side="right" fixed={zoomed} disabled={!next} onClick={() => move(next)} />
          </div>
          <aside className="flex max-h-[45dvh] flex-col gap-4 overflow-y-auto border-t border-border bg-surface p-5 lg:max-h-none lg:w-80 lg:border-t-0 lg:border-l">
            <div className="flex items-start justify-between gap-2">
              <div>
                <h2 id="lightbox-title" className="font-semibold">
                  Image {target.index + 1} of {count}
                </h2>
                {runs > 1 && (
                  <p className="text-xs text-fg-muted tabular-nums">
                    Run {target.sequence.indexOf(target.id) + 1} of {runs} on this page
                  </p>
                )}
              </div>
              <button
                type="button"
                aria-label="Close"
                onClick={onClose}
                className={buttonClass({ variant: "ghost", size: "sm", className: "-mt-1 -mr-2" })}
                // biome-ignore lint/a11y/noAutofocus: an opened dialog moves focus into itself (WAI-ARIA dialog pattern)
                autoFocus
              >
                <CloseIcon />
              </button>
            </div>
            <p className="text-sm leading-relaxed">{view.input.prompt}</p>
            <ParamsList input={view.input} seedRequested={view.seedRequested} engine={view.engine} />
            <p className="text-xs text-fg-muted tabular-nums">
              {output.width} × {output.height} · {output.contentType}
            </p>
            <LightboxActions
              view={view}
              output={output}
              position={target.index + 1}
              handlers={target.handlers}
              onDone={onClose}
            />
            <NoteEditor view={view} />
            <p className="text-xs text-fg-muted">
              ← and → move through the images{runs > 1 ? " and on to the next run" : ""}; Z zooms.
            </p>
          </aside>
        </div>
      )}
    </dialog>
  );
}

function NavButton(props: { label: string; side: "left" | "right"; fixed: boolean; disabled: boolean; onClick: () => void }) {
  const { label, side, fixed, disabled, onClick } = props;
  if (disabled) return null;
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className={buttonClass({
        className: `${fixed ? "fixed" : "absolute"} top-1/2 ${side === "left" ? "left-3" : fixed ? "right-3 lg:right-[21rem]" : "right-3"} size-10 -translate-y-1/2 rounded-full p-0`,
      })}
    >
      <ChevronIcon direction={side} />
    </button>
  );
}
