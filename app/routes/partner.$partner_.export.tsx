// The partner manager's hours export for the organisation's own systems (no
// double registration): choose a period of ISO weeks, download CSV or JSON;
// and the export tokens (`wkp_…`) those systems use for the API endpoint —
// minted (shown once) and revoked here. Format: docs/partners.md.
import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionsColumnHeader, TableCard } from "~/components/data-table";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { CreatedToken, TokenRow, tokenListItem, type TokenRowTexts } from "~/components/token-list";
import { requirePartnerContext } from "~/context.server";
import { createPartnerExportToken, defaultExportWeeks, listPartnerExportTokens, revokePartnerExportToken } from "~/core/partners.server";
import { nl } from "~/i18n/nl";
import { periodForForm } from "~/lib/partner-export.server";
import { formatWeek } from "~/lib/format";
import { runForForm, toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.partnerExport;
const tokenTexts: TokenRowTexts = {
  status: { active: t.active, revoked: t.revoked, expired: t.expired },
  never: t.never,
  noExpiry: t.noEnd,
  revoke: t.revoke,
  revokeLabel: t.revokeLabel,
  revokeQuestion: t.revokeQuestion,
  revokeConfirm: t.revoke,
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partner.name ?? nl.common.partner}: ${t.title} – ${nl.common.appName}` }];

const createSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ required_error: t.nameRequired }).trim().min(1, t.nameRequired).max(80, t.nameRequired),
  expiresInDays: z.enum(["30", "90", "180", "365", "none"]).default("90"),
});
const revokeSchema = z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1) });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const search = new URL(request.url).searchParams;
  const defaults = defaultExportWeeks();
  const typed = { from: search.get("van") ?? defaults.from, to: search.get("tot") ?? defaults.to };
  const { period, errors } = periodForForm(typed);
  const rows = await listPartnerExportTokens(ctx).catch(toHttpError);
  const now = Date.now();
  return {
    partner: ctx.partner,
    typed,
    period,
    errors,
    tokens: rows.map((r) => tokenListItem(r, now)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requirePartnerContext(request, params.partner, context as { ip?: string });
  const formData = await readFormData(request);
  if (formData.get("intent") === "revoke") {
    const parsed = revokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Ongeldige invoer", { status: 400 });
    await revokePartnerExportToken(ctx, parsed.data.tokenId).catch(toHttpError);
    return redirect(`/partner/${ctx.partner.slug}/export?ingetrokken=1`);
  }
  const submission = parseSubmission(formData, { schema: createSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const { name, expiresInDays } = submission.value;
  const outcome = await runForForm(submission.reply, () =>
    createPartnerExportToken(ctx, { name, expiresInDays: expiresInDays === "none" ? null : Number(expiresInDays) }),
  );
  if (!outcome.ok) return data({ result: outcome.result, created: null }, { status: outcome.status });
  // The token travels only in this response (no-store); after this it exists only as a hash.
  return data(
    { result: submission.reply({ resetForm: true }), created: { name: outcome.value.name, token: outcome.value.token } },
    { headers: { "Cache-Control": "no-store" } },
  );
}

function WeekField(props: { name: "van" | "tot"; label: string; value: string; errors?: string[] }) {
  const id = `week-${props.name}`;
  const describedBy = [`${id}-hint`, props.errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <p id={`${id}-hint`} className="hint">
        {t.weekHint}
      </p>
      <input
        id={id}
        name={props.name}
        type="week"
        className="input"
        defaultValue={props.value}
        autoComplete="off"
        aria-invalid={props.errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {props.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export default function PartnerExportPage() {
  const { partner, typed, period, errors, tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<{ name: string; expiresInDays: string }>({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { expiresInDays: "90" },
  });
  const created = actionData?.created ?? null;
  const query = period ? `?van=${encodeURIComponent(period.from)}&tot=${encodeURIComponent(period.to)}` : "";
  return (
    <div className="max-w-4xl space-y-6">
      <p>
        <Link to={`/partner/${partner.slug}`}>{t.back(partner.name)}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <section aria-labelledby="period-title" className="card space-y-2">
        <h2 id="period-title">{t.periodTitle}</h2>
        <Form method="get" className="grid items-end gap-4 sm:grid-cols-[1fr_1fr_auto]">
          <WeekField name="van" label={t.from} value={typed.from} errors={errors.from} />
          <WeekField name="tot" label={t.to} value={typed.to} errors={errors.to} />
          <button type="submit" className="btn btn-secondary">
            {t.choose}
          </button>
        </Form>
        {period ? (
          <p className="flex flex-wrap gap-4">
            <a className="btn btn-primary" href={`/partner/${partner.slug}/uren.csv${query}`} download>
              {t.downloadCsv(formatWeek(period.firstMonday), formatWeek(period.lastMonday))}
            </a>
            <a className="btn btn-secondary" href={`/partner/${partner.slug}/uren.json${query}`} download>
              {t.downloadJson(formatWeek(period.firstMonday), formatWeek(period.lastMonday))}
            </a>
          </p>
        ) : null}
        <p className="hint">{t.formatNote}</p>
      </section>
      <section aria-labelledby="tokens-title" className="space-y-2">
        <h2 id="tokens-title">{t.tokensTitle}</h2>
        <p>{t.tokensIntro}</p>
        {params.get("ingetrokken") ? <SuccessNotice>{t.revokedNotice}</SuccessNotice> : null}
        {created ? <CreatedToken token={created.token} title={t.created} label={t.tokenLabel} headingLevel={3} /> : null}
        <TableCard caption={t.tokensCaption} isEmpty={tokens.length === 0} empty={t.noTokens}>
          <thead>
            <tr>
              <th scope="col">{t.tokenName}</th>
              <th scope="col">{t.lastFour}</th>
              <th scope="col">{t.createdAt}</th>
              <th scope="col">{t.lastUsedAt}</th>
              <th scope="col">{t.expiresAt}</th>
              <th scope="col">{t.status}</th>
              <ActionsColumnHeader />
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <TokenRow key={k.id} token={k} texts={tokenTexts} />
            ))}
          </tbody>
        </TableCard>
        <div className="card max-w-xl">
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <FormErrors form={form} />
            <TextField field={fields.name} label={t.tokenName} hint={t.tokenNameHint} autoComplete="off" />
            <SelectField field={fields.expiresInDays} label={t.validity} options={Object.entries(t.validities).map(([value, label]) => ({ value, label }))} />
            <SubmitButton>{t.create}</SubmitButton>
          </Form>
        </div>
      </section>
    </div>
  );
}
