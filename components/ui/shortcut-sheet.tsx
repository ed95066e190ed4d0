"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button";

/** The keyboard shortcuts that exist, where they work. */
const SHORTCUTS: Array<{ where: string; keys: Array<[string, string]> }> = [
  { where: "Playground", keys: [["Ctrl/⌘ + Enter", "Generate (in the form)"]] },
  {
    where: "Lightbox",
    keys: [
      ["← / →", "Previous / next image, on into the previous / next run"],
      ["Z", "Zoom to actual size and back"],
      ["Esc", "Close"],
    ],
  },
  {
    where: "Compare",
    keys: [
      ["1–4", "Look at one image alone"],
      ["Esc", "Back to all"],
      ["← / →", "Move the slider"],
      ["+ / − / 0", "Zoom in, out, reset"],
    ],
  },
  { where: "Notes", keys: [["Ctrl/⌘ + Enter", "Save the note"]] },
  { where: "Anywhere", keys: [["?", "This list"]] },
];

/** The list of keyboard shortcuts in a native modal dialog (Esc closes it), open from its first render. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="shortcut-sheet"
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-2xl border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-scrim"
    >
      <div className="flex flex-col gap-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        {SHORTCUTS.map((group) => (
          <section key={group.where} className="flex flex-col gap-1.5">
            <h3 className="text-xs font-medium tracking-wide text-fg-muted uppercase">{group.where}</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              {group.keys.map(([keys, what]) => (
                <div key={keys + what} className="contents">
                  <dt>
                    <kbd className="rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <form method="dialog" className="flex justify-end">
          <Button type="submit">Close</Button>
        </form>
      </div>
    </dialog>
  );
}
