import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/context.server";
import { mfaStatus, roleNames } from "~/core.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: `${nl.account.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const mfa = await mfaStatus(ctx.db, ctx.user.id);
  return {
    user: { name: ctx.user.name, email: ctx.user.email },
    teams: ctx.teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role })),
    scopeRoles: roleNames({ ...ctx.grants, teamRoles: [] }),
    mfa: { enabled: mfa.enabled, enabledAt: mfa.enabledAt?.toISOString() ?? null, recoveryCodesLeft: mfa.recoveryCodesLeft },
  };
}

export default function AccountPage() {
  const { user, teams, scopeRoles, mfa } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{nl.account.title}</h1>
      <dl className="card grid grid-cols-[10rem_1fr] gap-2">
        <dt className="font-semibold">{nl.account.name}</dt>
        <dd>{user.name}</dd>
        <dt className="font-semibold">{nl.account.email}</dt>
        <dd>{user.email}</dd>
        <dt className="font-semibold">{nl.account.roles}</dt>
        <dd>
          {teams.length === 0 && scopeRoles.length === 0 ? nl.account.noRoles : null}
          <ul>
            {teams.map((t) => (
              <li key={t.slug}>
                <Link to={`/t/${t.slug}`}>{t.name}</Link> – {nl.common.roles[t.role]}
              </li>
            ))}
            {scopeRoles.map((r) => (
              <li key={r}>{nl.common.roles[r]}</li>
            ))}
          </ul>
        </dd>
        <dt className="font-semibold">{nl.account.mfa}</dt>
        <dd>
          {mfa.enabled ? `${nl.account.mfaOn(formatDate(mfa.enabledAt))} ${nl.account.recoveryLeft(mfa.recoveryCodesLeft)}` : nl.account.mfaOff}{" "}
          <Link to="/account/mfa">{nl.account.mfaManage}</Link>
        </dd>
      </dl>
      <p>
        <Link to="/account/sessies">{nl.sessionsPage.manage}</Link>
      </p>
      <p>
        <Link to="/account/api-tokens">{nl.api.tokens.manage}</Link>
      </p>
    </div>
  );
}
