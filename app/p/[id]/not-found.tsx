import { OwnerOnly } from "@/components/access/owner-only";
import { buttonClass } from "@/components/ui/button";
import { NavLink } from "@/components/ui/nav-link";

export default function PredictionNotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center gap-4 px-4 py-24 text-center">
      <p className="text-sm font-medium text-fg-muted">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">No such generation</h1>
      <p className="text-fg-muted">This link points to a prediction that does not exist here. It may have been deleted.</p>
      <OwnerOnly>
        <NavLink href="/" className={buttonClass({ variant: "primary" })}>
          Open the playground
        </NavLink>
      </OwnerOnly>
    </main>
  );
}
