"use client";

import { useEffect, useId, useRef, useState } from "react";
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

// Typing a question mark in a field is text, not a request for help.
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** `?` opens the list of keyboard shortcuts, in a native modal dialog (Esc closes it). */
export function ShortcutSheet() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="shortcut-sheet"
      onClose={() => setOpen(false)}
      className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-2xl border border-border bg-surface p-0 text-fg shadow-2xl backdrop:bg-scrim"
    >
      {open && (
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
      )}
    </dialog>
  );
}
