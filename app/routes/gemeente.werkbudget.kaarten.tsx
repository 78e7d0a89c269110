// The controller's team cards: request a virtual card per team and set its
// spending controls (per payment, per month, allowed or blocked merchant
// categories). Stripe gets the changes through the Stripe outbox.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requireMunicipalityContext } from "~/context.server";
import { disbursementMode, listTeamCards, requestTeamCard, updateCardControls } from "~/core/cards.server";
import { WorkbudgetSubpageIntro } from "~/components/workbudget-report";
import { nl } from "~/i18n/nl";
import { formatMoney } from "~/lib/format";
import { runForForm } from "~/lib/http.server";
import { centsToEuroInput, parseEuroToCents } from "~/lib/money";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const c = nl.cards;
export const meta: MetaFunction = () => [{ title: `${c.adminTitle} – ${nl.common.appName}` }];

const optionalEuro = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || (parseEuroToCents(v) ?? 0) > 0, c.amountInvalid)
  .transform((v) => (v ? parseEuroToCents(v) : null));
const categories = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || v.split(",").every((x) => /^[a-z0-9_]{2,80}$/.test(x.trim())), c.categoryInvalid)
  .transform((v) =>
    v
      ? v
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  );
const schema = z.object({
  intent: z.enum(["request", "controls"]),
  id: z.string().uuid(),
  perAuthorizationCap: optionalEuro,
  monthlyCap: optionalEuro,
  allowedCategories: categories,
  blockedCategories: categories,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "TeamCard", context as { ip?: string });
  const mode = await disbursementMode(ctx.db, ctx.actor.municipalityId);
  return { mode, teams: mode === "stripe_issuing" ? await listTeamCards(ctx) : [] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "TeamCard", context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success")
    return data<{ id: string | null; result: SubmissionResult<string[]> }>(
      { id: String(submission.payload.id ?? ""), result: submission.reply() },
      { status: 400 },
    );
  const v = submission.value;
  const controls = {
    perAuthorizationCapCents: v.perAuthorizationCap,
    monthlyCapCents: v.monthlyCap,
    allowedCategories: v.allowedCategories,
    blockedCategories: v.blockedCategories,
  };
  const outcome = await runForForm(submission.reply, async () => {
    if (v.intent === "request") await requestTeamCard(ctx, v.id, controls);
    else await updateCardControls(ctx, v.id, controls);
  });
  if (!outcome.ok) return data({ id: v.id, result: outcome.result }, { status: outcome.status });
  return redirect(`/gemeente/werkbudget/kaarten?gedaan=${v.intent === "request" ? "aangevraagd" : "opgeslagen"}`);
}

type TeamRow = Awaited<ReturnType<typeof listTeamCards>>[number];

function CardRow({ row, lastResult }: { row: TeamRow; lastResult?: SubmissionResult<string[]> }) {
  const card = row.card;
  const id = card?.id ?? row.team.id;
  const [form, fields] = useForm({
    id: `card-${id}`,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      perAuthorizationCap: centsToEuroInput(card?.perAuthorizationCapCents),
      monthlyCap: centsToEuroInput(card?.monthlyCapCents),
      allowedCategories: card?.allowedCategories.join(", ") ?? "",
      blockedCategories: card?.blockedCategories.join(", ") ?? "",
    },
  });
  return (
    <section aria-labelledby={`team-${row.team.id}`} className="card space-y-2">
      <h2 id={`team-${row.team.id}`}>{row.team.name}</h2>
      {card ? (
        <p>
          {c.statusLabel}: {c.status[card.status] ?? card.status} · {c.last4}: {c.last4Value(card.last4)}
          {card.perAuthorizationCapCents != null ? ` · ${c.perAuthorizationCap}: ${formatMoney(card.perAuthorizationCapCents)}` : ""}
          {card.monthlyCapCents != null ? ` · ${c.monthlyCap}: ${formatMoney(card.monthlyCapCents)}` : ""}
        </p>
      ) : (
        <p>{c.noCard}</p>
      )}
      {row.outbox.length ? (
        <p className="hint">
          {c.pendingCalls(row.outbox.length)}
          {row.outbox.find((o) => o.lastError) ? ` — ${c.lastError(row.outbox.find((o) => o.lastError)!.lastError!)}` : ""}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="grid max-w-3xl gap-x-4 sm:grid-cols-2">
        <input type="hidden" name="intent" value={card ? "controls" : "request"} />
        <input type="hidden" name="id" value={id} />
        <div className="sm:col-span-2">
          <FormErrors form={form} />
        </div>
        <TextField field={fields.perAuthorizationCap} label={c.perAuthorizationCap} hint={c.euroHint} />
        <TextField field={fields.monthlyCap} label={c.monthlyCap} hint={c.euroHint} />
        <TextField field={fields.allowedCategories} label={c.allowedCategories} hint={c.categoriesHint} />
        <TextField field={fields.blockedCategories} label={c.blockedCategories} hint={c.categoriesHint} />
        <div className="sm:col-span-2">
          <SubmitButton>{card ? c.saveControls : c.requestCard}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export default function TeamCardsAdmin() {
  const { mode, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { id: string | null; result: SubmissionResult<string[]> } | undefined;
  const [params] = useSearchParams();
  const done = params.get("gedaan");
  return (
    <div className="space-y-6">
      <WorkbudgetSubpageIntro title={c.adminTitle} intro={c.adminIntro} />
      <p>
        <Link to="/gemeente/werkbudget/afstemming">{c.navRecon}</Link>
      </p>
      {done ? <SuccessNotice>{done === "aangevraagd" ? c.requested : c.saved}</SuccessNotice> : null}
      {mode !== "stripe_issuing" ? (
        <p className="card">{c.off}</p>
      ) : (
        teams.map((row) => (
          <CardRow key={row.team.id} row={row} lastResult={actionData && actionData.id === (row.card?.id ?? row.team.id) ? actionData.result : undefined} />
        ))
      )}
    </div>
  );
}
