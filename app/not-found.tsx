import { OwnerOnly } from "@/components/access/owner-only";
import { buttonClass } from "@/components/ui/button";
import { NavLink } from "@/components/ui/nav-link";

/**
 * Any path nothing serves. Static on purpose: Next renders this boundary into every page's payload,
 * cached share pages included, so it must not read the request.
 */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-center gap-4 px-4 py-24 text-center">
      <p className="text-sm font-medium text-fg-muted">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Nothing here</h1>
      <p className="text-fg-muted">This address does not lead to a page of this playground.</p>
      <OwnerOnly>
        <NavLink href="/" className={buttonClass({ variant: "primary" })}>
          Open the playground
        </NavLink>
      </OwnerOnly>
    </main>
  );
}
