import type { CSSProperties } from "react";
import { OwnerOnly } from "@/components/access/owner-only";
import { PencilIcon } from "@/components/ui/icons";
import { NavLink } from "@/components/ui/nav-link";
import type { PredictionView } from "@/lib/playground-api";
import { type ChainNode, type ChainRow, chainRows, treeOf } from "@/lib/view/chain";
import { editHref } from "@/lib/view/form-values";

/** One column of the tree: a thumbnail's width and the gap after it. */
const COLUMN = "7.75rem";
const at = (columns: number): CSSProperties => ({ width: `calc(${columns} * ${COLUMN})` });

/**
 * A chain of edits as one tree, the same on every page of the chain: the original, then each edit
 * with its instruction under it, left to right. A second edit of one image is a fork: a row of its
 * own that starts under the step it branches from. `current` is marked, and "Continue from here"
 * edits it. Nothing is drawn for a chain of one run, or one without an edit.
 */
export function Filmstrip({ views, current }: { views: PredictionView[]; current?: string }) {
  const roots = treeOf(views, current);
  const shown = roots.flatMap(function all(node): PredictionView[] {
    return [node.view, ...node.next.flatMap(all)];
  });
  if (shown.length < 2 || !shown.some((view) => view.input.edit)) return null;
  const marked = current ? shown.find((view) => view.id === current) : undefined;
  const continueFrom = marked?.status === "completed" ? marked.outputs[0] : undefined;
  return (
    <section aria-labelledby="filmstrip-title" className="flex min-w-0 flex-col gap-3" data-testid="filmstrip">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="filmstrip-title" className="text-xs font-medium tracking-wide text-fg-muted uppercase">
          Chain of edits
        </h2>
        {marked && continueFrom && (
          <OwnerOnly>
            <NavLink
              href={editHref(marked.id, continueFrom.url)}
              title="Edit this step's image with an instruction"
              className="inline-flex h-8 items-center gap-1 rounded-lg border border-border px-3 text-xs font-medium text-fg-muted hover:bg-muted hover:text-fg"
            >
              <PencilIcon />
              Continue from here
            </NavLink>
          </OwnerOnly>
        )}
      </div>
      <section
        className="flex flex-col gap-2 overflow-x-auto pb-1"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a long chain scrolls sideways; the keyboard must reach it
        tabIndex={0}
        aria-label="The chain, scrolled sideways"
      >
        {chainRows(roots, (root) => (root.view.input.edit ? 1 : 0)).map((row) => (
          <Row key={row.steps[0].view.id} row={row} current={current} />
        ))}
      </section>
    </section>
  );
}

function Row({ row, current }: { row: ChainRow; current?: string }) {
  const first = row.steps[0].view;
  const origin = !row.from && first.input.edit ? first.input.edit.images[0] : undefined;
  return (
    <div className="flex items-start" data-testid={row.from ? "filmstrip-fork" : "filmstrip-line"} data-column={row.column}>
      {row.from ? (
        <>
          <span aria-hidden="true" className="shrink-0" style={at(row.column - 1)} />
          {/* The elbow from the step above, which this branch starts from. */}
          <span aria-hidden="true" className="-mt-2 flex h-16 shrink-0 justify-center" style={at(1)}>
            <span className="ml-[50%] h-full w-1/2 rounded-bl-xl border-b-2 border-l-2 border-border" />
          </span>
        </>
      ) : (
        !origin && <span aria-hidden="true" className="shrink-0" style={at(row.column)} />
      )}
      <ol className="flex gap-3" aria-label={row.from ? `Branch from “${shorten(row.from.input.prompt)}”` : "Chain"}>
        {origin && (
          <li className="flex w-28 shrink-0 flex-col gap-1" data-testid="filmstrip-step">
            <img src={origin.thumbUrl} alt="" className="size-28 rounded-lg border border-border object-cover" />
            <span className="text-xs text-fg-muted">Original</span>
          </li>
        )}
        {row.steps.map((node) => (
          <Step key={node.view.id} node={node} current={node.view.id === current} />
        ))}
      </ol>
    </div>
  );
}

const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

function Step({ node, current }: { node: ChainNode; current: boolean }) {
  const { view } = node;
  const thumb = view.outputs[0]?.thumbUrl;
  const caption = view.input.edit ? view.input.prompt : `Original: ${view.input.prompt}`;
  return (
    <li
      className="flex w-28 shrink-0 flex-col"
      data-testid="filmstrip-step"
      data-id={view.id}
      aria-current={current ? "step" : undefined}
    >
      <NavLink
        href={`/p/${encodeURIComponent(view.id)}`}
        className="flex flex-col gap-1 rounded-lg hover:opacity-90"
        title={caption}
      >
        {thumb ? (
          <img
            src={thumb}
            alt=""
            loading="lazy"
            className={`size-28 rounded-lg border object-cover ${current ? "border-accent ring-3 ring-accent" : "border-border"}`}
          />
        ) : (
          <span
            className={`grid size-28 place-items-center rounded-lg border text-xs text-fg-muted ${current ? "border-accent ring-3 ring-accent" : "border-border"}`}
          >
            {view.status}
          </span>
        )}
        <span className={`line-clamp-2 text-xs ${current ? "font-semibold" : ""}`}>
          {current && <span className="sr-only">This step: </span>}
          {caption}
        </span>
      </NavLink>
    </li>
  );
}
