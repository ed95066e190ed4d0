"use client";

import { type KeyboardEvent, useEffect, useRef } from "react";
import { NoteEditor } from "@/components/annotations/note-editor";
import { ParamsList } from "@/components/prediction/params-list";
import { buttonClass } from "@/components/ui/button";
import { ChevronIcon, CloseIcon, DownloadIcon } from "@/components/ui/icons";
import { downloadUrl, type PredictionView } from "@/lib/playground-api";
import { ImageActions } from "./gallery";

type Props = {
  view: PredictionView;
  index: number | null;
  revealed: ReadonlySet<number>;
  onIndex: (index: number) => void;
  onReveal: (index: number) => void;
  onClose: () => void;
};

/** A native modal <dialog>: focus is trapped and Esc closes it without extra code. */
export function Lightbox({ view, index, revealed, onIndex, onReveal, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const count = view.outputs.length;
  const output = index === null ? undefined : view.outputs[index];

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (output && !element.open) element.showModal();
    if (!output && element.open) element.close();
  }, [output]);

  const move = (step: number) => index !== null && onIndex((index + step + count) % count);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowRight") move(1);
    else if (event.key === "ArrowLeft") move(-1);
    else return;
    event.preventDefault();
  };

  const titleId = `lightbox-title-${view.id}`;
  const hidden = output ? output.nsfw && !revealed.has(output.index) : false;

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      className="m-0 size-full max-h-none max-w-none bg-scrim p-0 text-fg backdrop:bg-scrim"
    >
      {output && index !== null && (
        <div className="flex h-full flex-col lg:flex-row">
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a click beside the image closes, as on the backdrop; Esc and the Close button do it by keyboard */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: as above, the keyboard closes with Esc */}
          <div
            className="relative flex min-h-0 flex-1 items-center justify-center p-4"
            onClick={(event) => event.target === event.currentTarget && onClose()}
          >
            {/* The original, as is. */}
            <img
              src={output.url}
              alt={view.input.prompt}
              width={output.width}
              height={output.height}
              className={`max-h-full max-w-full rounded-lg object-contain shadow-2xl ${hidden ? "blur-2xl" : ""}`}
            />
            {hidden && (
              <button type="button" onClick={() => onReveal(output.index)} className={buttonClass({ className: "absolute" })}>
                Click to reveal
              </button>
            )}
            {count > 1 && (
              <>
                <button
                  type="button"
                  aria-label="Previous image"
                  onClick={() => move(-1)}
                  className={`${buttonClass({ className: "absolute left-3 size-10 rounded-full p-0" })}`}
                >
                  <ChevronIcon direction="left" />
                </button>
                <button
                  type="button"
                  aria-label="Next image"
                  onClick={() => move(1)}
                  className={`${buttonClass({ className: "absolute right-3 size-10 rounded-full p-0" })}`}
                >
                  <ChevronIcon />
                </button>
              </>
            )}
          </div>
          <aside className="flex max-h-[45dvh] flex-col gap-4 overflow-y-auto border-t border-border bg-surface p-5 lg:max-h-none lg:w-80 lg:border-t-0 lg:border-l">
            <div className="flex items-start justify-between gap-2">
              <h2 id={titleId} className="font-semibold">
                Image {index + 1} of {count}
              </h2>
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
            <ParamsList input={view.input} seedRequested={view.seedRequested} />
            <p className="text-xs text-fg-muted tabular-nums">
              {output.width} × {output.height} · {output.contentType}
            </p>
            <div className="-ml-2 flex items-center gap-1">
              <ImageActions view={view} output={output} position={index + 1} look="plain" />
            </div>
            <a href={downloadUrl(output)} download className={buttonClass({ variant: "primary" })}>
              <DownloadIcon />
              Download
            </a>
            <NoteEditor view={view} />
            {count > 1 && <p className="text-xs text-fg-muted">Use ← and → to move between images.</p>}
          </aside>
        </div>
      )}
    </dialog>
  );
}
