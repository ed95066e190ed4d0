"use client";

import { usePathname } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { CloseIcon, CompareIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { compareHref, MAX_COMPARE, type SelectedImage, selection } from "@/lib/browser/selection";

/** What is picked for a compare, and the way to the compare. */
export function SelectionTrayPanel({ items }: { items: SelectedImage[] }) {
  // On a compare it would cover the table: there it sits at the page's foot instead of floating.
  const floating = usePathname() !== "/compare";
  const ready = items.length >= 2;
  return (
    <section
      aria-label="Selected for compare"
      data-testid="selection-tray"
      data-floating={floating}
      className={`${floating ? "fixed inset-x-0 bottom-3 z-30 shadow-lg" : "mb-6"} mx-auto flex w-fit max-w-[calc(100%-1.5rem)] flex-wrap items-center gap-3 rounded-2xl border border-border bg-surface/95 p-2 pl-3 backdrop-blur`}
    >
      <ul className="flex items-center gap-1.5">
        {items.map((item, position) => (
          <li key={`${item.id}.${item.index}`} className="relative">
            <img
              src={item.thumbUrl}
              alt={`Selected ${position + 1}: ${item.prompt}`}
              className="size-10 rounded-md object-cover"
            />
            <button
              type="button"
              aria-label={`Remove selected image ${position + 1}`}
              onClick={() => selection.toggle(item)}
              className="absolute -top-1.5 -right-1.5 grid size-5 place-items-center rounded-full bg-surface text-fg-muted shadow hover:text-fg"
            >
              <CloseIcon className="size-3" />
            </button>
          </li>
        ))}
      </ul>
      <span className="text-xs text-fg-muted tabular-nums" aria-live="polite">
        {items.length} of {MAX_COMPARE}
      </span>
      {ready ? (
        <NavLink href={compareHref(items)} className={buttonClass({ variant: "primary", size: "sm" })}>
          <CompareIcon />
          Compare
        </NavLink>
      ) : (
        <span className="text-xs text-fg-muted">Pick one more to compare</span>
      )}
      <Button variant="ghost" size="sm" onClick={() => selection.clear()}>
        Clear
      </Button>
    </section>
  );
}
