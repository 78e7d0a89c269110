import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/form";
import { requireUser, requireWorkgroupContext } from "~/context.server";
import { getDigestPreference, setDigestPreference } from "~/core/workgroups.server";
import { isDomainError } from "~/core/common.server";
import { mfaStatus, roleNames } from "~/core/accounts.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { SuccessNotice } from "~/components/notice";
import { readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.account.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const mfa = await mfaStatus(ctx.db, ctx.user.id);
  const digest = await getDigestPreference({ ...ctx, scope: { kind: "workgroup", municipalityId: ctx.user.municipalityId, userId: ctx.user.id } });
  return {
    digest,
    user: { name: ctx.user.name, email: ctx.user.email },
    teams: ctx.teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role })),
    scopeRoles: roleNames({ ...ctx.grants, teamRoles: [] }),
    mfa: { enabled: mfa.enabled, enabledAt: mfa.enabledAt?.toISOString() ?? null, recoveryCodesLeft: mfa.recoveryCodesLeft },
  };
}

// The same three as DIGEST_FREQUENCIES in core (a .server module never reaches the browser).
const DIGEST_CHOICES = ["none", "daily", "weekly"] as const;

/** The e-mail digest choice (workgroup notifications): none, daily or weekly. */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const form = await readFormData(request);
  const digest = String(form.get("digest") ?? "");
  try {
    await setDigestPreference(ctx, { digest });
  } catch (e) {
    if (isDomainError(e) && e.status === 400) return data({ error: nl.account.digestInvalid, digest }, { status: 400 });
    throw e;
  }
  return redirect("/account?gedaan=digest");
}

export default function AccountPage() {
  const { user, teams, scopeRoles, mfa, digest } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const chosen = failed?.digest ?? digest;
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{nl.account.title}</h1>
      {params.get("gedaan") === "digest" ? <SuccessNotice>{nl.account.digestSaved}</SuccessNotice> : null}
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
      <section aria-labelledby="digest-title" className="card space-y-3">
        <h2 id="digest-title">{nl.account.digestTitle}</h2>
        <p id="digest-intro">{nl.account.digestIntro}</p>
        <Form method="post" className="space-y-3">
          <fieldset className="field" aria-describedby={failed?.error ? "digest-intro digest-error" : "digest-intro"}>
            <legend className="font-semibold">{nl.account.digestLabel}</legend>
            {DIGEST_CHOICES.map((f) => (
              <div key={f} className="flex items-center gap-2">
                <input type="radio" id={`digest-${f}`} name="digest" value={f} defaultChecked={chosen === f} />
                <label htmlFor={`digest-${f}`}>{nl.account.digestChoices[f]}</label>
              </div>
            ))}
            {failed?.error ? (
              <p id="digest-error" className="field-error">
                {failed.error}
              </p>
            ) : null}
          </fieldset>
          <SubmitButton>{nl.account.digestSave}</SubmitButton>
        </Form>
      </section>
      <p>
        <Link to="/account/sessies">{nl.sessionsPage.manage}</Link>
      </p>
      <p>
        <Link to="/account/api-tokens">{nl.api.tokens.manage}</Link>
      </p>
    </div>
  );
}
