import Link from "next/link";
import { OwnerOnly } from "@/components/access/owner-only";
import type { PredictionView } from "@/lib/playground-api";
import { type ChainNode, chainsOf, mainLine } from "@/lib/view/chain";
import { EditAction } from "./edit-action";

/**
 * A thread's runs as a filmstrip: the original, then each edit with its instruction under it, left to
 * right. A second edit of one image is a fork: its own strip under the step it branches from.
 * `current` is marked; nothing is drawn for a thread of one run.
 */
export function Filmstrip({ views, current }: { views: PredictionView[]; current?: string }) {
  if (views.length < 2 || !views.some((view) => view.input.edit)) return null;
  return (
    <section aria-labelledby="filmstrip-title" className="flex flex-col gap-3" data-testid="filmstrip">
      <h2 id="filmstrip-title" className="text-xs font-medium tracking-wide text-fg-muted uppercase">
        Chain of edits
      </h2>
      {chainsOf(views).map((root) => (
        <Strip key={root.view.id} start={root} current={current} />
      ))}
    </section>
  );
}

function Strip({ start, current, forkOf }: { start: ChainNode; current?: string; forkOf?: string }) {
  const line = mainLine(start);
  const forks = line.flatMap((node, index) =>
    node.next.filter((next) => next !== line[index + 1]).map((fork) => ({ fork, from: node.view.id })),
  );
  const origin = start.view.input.edit?.images[0];
  const last = line[line.length - 1].view;
  return (
    <div className="flex flex-col gap-2">
      <ol
        className="flex gap-3 overflow-x-auto pb-1"
        aria-label={forkOf ? `Branch from ${forkOf.slice(0, 6)}` : "Chain"}
        data-testid={forkOf ? "filmstrip-fork" : "filmstrip-line"}
      >
        {!forkOf && origin && (
          <li className="flex w-28 shrink-0 flex-col gap-1" data-testid="filmstrip-step">
            <img src={origin.thumbUrl} alt="Original" className="size-28 rounded-lg border border-border object-cover" />
            <span className="text-xs text-fg-muted">Original</span>
          </li>
        )}
        {line.map((node) => (
          <Step key={node.view.id} view={node.view} current={node.view.id === current} />
        ))}
      </ol>
      {last.outputs[0] && (
        <OwnerOnly>
          <div className="self-start">
            <EditAction runId={last.id} imageUrl={last.outputs[0].url} position={1} look="button" label="Continue from here" />
          </div>
        </OwnerOnly>
      )}
      {forks.map(({ fork, from }) => (
        <div key={fork.view.id} className="ml-6 border-l-2 border-border pl-3">
          <Strip start={fork} current={current} forkOf={from} />
        </div>
      ))}
    </div>
  );
}

function Step({ view, current }: { view: PredictionView; current: boolean }) {
  const thumb = view.outputs[0]?.thumbUrl;
  return (
    <li className="flex w-28 shrink-0 flex-col gap-1" data-testid="filmstrip-step" aria-current={current ? "page" : undefined}>
      <Link href={`/p/${encodeURIComponent(view.id)}`} prefetch={false} className="rounded-lg hover:opacity-90">
        {thumb ? (
          <img
            src={thumb}
            alt={view.input.prompt}
            className={`size-28 rounded-lg border object-cover ${current ? "border-accent ring-2 ring-accent" : "border-border"}`}
          />
        ) : (
          <span className="grid size-28 place-items-center rounded-lg border border-border text-xs text-fg-muted">
            {view.status}
          </span>
        )}
      </Link>
      <span className="line-clamp-2 text-xs" title={view.input.prompt}>
        {view.input.edit ? view.input.prompt : `Original: ${view.input.prompt}`}
      </span>
    </li>
  );
}
