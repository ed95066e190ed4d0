import { BranchIcon, CloseIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import { lineageKindLabel, shortId } from "@/lib/domain";
import type { ParentRefBody } from "@/lib/playground-api";

/** "From #3f2a (settings)": what the next run will be recorded as made from, and a way to drop that. */
export function ParentNotice({ parent, onDetach }: { parent: ParentRefBody; onDetach: () => void }) {
  return (
    <p className="flex items-center gap-1.5 text-xs text-fg-muted" data-testid="parent-notice">
      <BranchIcon className="size-3.5" />
      <span>
        Made from{" "}
        <NavLink href={`/p/${encodeURIComponent(parent.id)}`} className="font-mono underline hover:text-fg">
          {shortId(parent.id)}
        </NavLink>{" "}
        ({lineageKindLabel(parent.kind)})
      </span>
      <button
        type="button"
        onClick={onDetach}
        aria-label="Do not record where these settings came from"
        className="ml-auto grid size-6 place-items-center rounded hover:bg-muted hover:text-fg"
      >
        <CloseIcon className="size-3.5" />
      </button>
    </p>
  );
}
