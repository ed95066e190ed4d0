import { OwnerOnly } from "@/components/access/owner-only";
import { NavLink } from "@/components/ui/nav-link";
import { describeLineage, shortId } from "@/lib/domain";
import type { FamilyView, PredictionView } from "@/lib/playground-api";

/** A share page's lineage: the chain of runs this one came from, and the runs made directly from it. */
export function FamilyPanel({ current, family }: { current: PredictionView; family: FamilyView }) {
  if (family.ancestors.length === 0 && family.children.length === 0) return null;
  return (
    <section
      aria-labelledby="family-title"
      className="flex flex-col gap-4 rounded-2xl border border-border bg-surface p-5 shadow-sm"
    >
      <h2 id="family-title" className="text-xs font-medium tracking-wide text-fg-muted uppercase">
        Lineage
      </h2>
      {family.ancestors.length > 0 && (
        <ol aria-label="Made from" className="flex flex-col gap-2" data-testid="ancestors">
          {family.ancestors.map((ancestor) => (
            <li key={ancestor.id}>{ancestor.view ? <FamilyRow view={ancestor.view} /> : <GoneRow id={ancestor.id} />}</li>
          ))}
          <li aria-current="page" className="rounded-lg bg-muted px-2 py-1.5 text-sm">
            <span className="font-mono text-xs">{shortId(current.id)}</span> this run
            {current.lineage && <span className="text-fg-muted"> · {describeLineage(current.lineage)}</span>}
          </li>
        </ol>
      )}
      {family.children.length > 0 && (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">Made from this run</h3>
          <ul aria-label="Made from this run" className="flex flex-col gap-2" data-testid="children">
            {family.children.map((child) => (
              <li key={child.id}>
                <FamilyRow view={child} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <OwnerOnly>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <NavLink href={`/history?thread=${encodeURIComponent(current.threadId)}`} className="text-accent hover:underline">
            The whole thread in history
          </NavLink>
          <a
            href={`/api/export?scope=thread&thread=${encodeURIComponent(current.threadId)}`}
            download
            className="text-accent hover:underline"
          >
            Export this thread
          </a>
        </div>
      </OwnerOnly>
    </section>
  );
}

function FamilyRow({ view }: { view: PredictionView }) {
  const thumb = view.outputs.find((output) => !output.nsfw);
  return (
    <NavLink
      href={`/p/${encodeURIComponent(view.id)}`}
      className="flex items-center gap-3 rounded-lg p-1 text-sm hover:bg-muted"
      data-testid="family-link"
    >
      {thumb ? (
        <img src={thumb.thumbUrl} alt="" width={40} height={40} className="size-10 shrink-0 rounded-md object-cover" />
      ) : (
        <span aria-hidden="true" className="size-10 shrink-0 rounded-md bg-muted" />
      )}
      <span className="flex min-w-0 flex-col">
        <span className="truncate">
          <span className="font-mono text-xs">{shortId(view.id)}</span> {view.input.prompt}
        </span>
        <span className="truncate text-xs text-fg-muted">
          {view.lineage ? describeLineage(view.lineage) : "the first run"} · seed {view.input.seed}
        </span>
      </span>
    </NavLink>
  );
}

function GoneRow({ id }: { id: string }) {
  return (
    <p className="flex items-center gap-3 p-1 text-sm text-fg-muted" data-testid="family-gone">
      <span aria-hidden="true" className="size-10 shrink-0 rounded-md border border-dashed border-border" />
      <span>
        <span className="font-mono text-xs">{shortId(id)}</span> (deleted)
      </span>
    </p>
  );
}
