// File name: `$spendId_` keeps this page out of the detail route's layout (same URL).
// Editing a draft (or a request the controller sent back for more
// information): the same form as a new request. "Indienen" saves and submits.
import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SpendForm, spendFormReply, spendFormSchema, toDraftInput, toFormDefaults } from "~/components/spend-form";
import { requireTeamContext } from "~/context.server";
import { getSpend, listNorms, residentRefFormat, submitSpend, updateSpendDraft } from "~/core/workbudget.server";
import { householdChoicesForSpend } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { runForForm, toHttpError } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.spends;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? t.form.editTitle(data.reference) : t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  // Another team's request, or one this person may not read: 404.
  const detail = await getSpend(ctx, params.spendId ?? "").catch(toHttpError);
  if (detail.spend.teamId !== ctx.team.id) throw new Response("Niet gevonden", { status: 404 });
  const base = `/t/${ctx.team.slug}/werkbudget/${detail.spend.id}`;
  if (!detail.canEdit) throw redirect(base);
  const norms = (await listNorms(ctx))
    .filter((n) => n.active || n.id === detail.spend.normId)
    .map((n) => ({ id: n.id, label: n.label, amountCents: n.amountCents, unit: n.unit, source: n.source, isLocalEstimate: n.isLocalEstimate }));
  return {
    base,
    normTableHref: `/t/${ctx.team.slug}/werkbudget/normen`,
    reference: detail.reference,
    defaults: toFormDefaults(detail.spend),
    norms,
    residentRef: await residentRefFormat(ctx),
    households: await householdChoicesForSpend(ctx).catch(() => []),
  };
}

type ActionData = { result: SubmissionResult<string[]>; savedNotSubmitted?: boolean; personalData?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const detail = await getSpend(ctx, params.spendId ?? "").catch(toHttpError);
  if (detail.spend.teamId !== ctx.team.id) throw new Response("Niet gevonden", { status: 404 });
  const spendId = detail.spend.id;
  const formData = await readFormData(request);
  const intent = formData.get("intent") === "submit" ? "submit" : "save";
  const submission = parseSubmission(formData, { schema: spendFormSchema });
  if (submission.status !== "success") return data<ActionData>({ result: submission.reply() }, { status: 400 });
  const reply = spendFormReply(submission.reply);
  const saved = await runForForm(reply, () => updateSpendDraft(ctx, spendId, toDraftInput(submission.value)));
  // 422: the privacy guard found personal data; the form then offers the override.
  if (!saved.ok) return data<ActionData>({ result: saved.result, personalData: saved.status === 422 }, { status: saved.status });
  const base = `/t/${ctx.team.slug}/werkbudget/${spendId}`;
  if (intent === "save") return redirect(`${base}?gedaan=opgeslagen`);
  const submitted = await runForForm(reply, () => submitSpend(ctx, spendId));
  if (!submitted.ok) return data<ActionData>({ result: submitted.result, savedNotSubmitted: true }, { status: submitted.status });
  return redirect(`${base}?gedaan=ingediend`);
}

export default function EditSpend() {
  const { base, normTableHref, reference, defaults, norms, residentRef, households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="space-y-4">
      <p>
        <Link to={base}>← {t.backToRequest}</Link>
      </p>
      <h2>{t.form.editTitle(reference)}</h2>
      <SpendForm
        residentRef={residentRef}
        households={households}
        personalData={actionData?.personalData}
        lastResult={actionData?.result}
        defaultValue={defaults}
        norms={norms}
        normTableHref={normTableHref}
        cancelTo={
          <Link to={base} className="btn btn-secondary">
            {t.form.cancelEdit}
          </Link>
        }
        savedNotSubmitted={actionData?.savedNotSubmitted}
      />
    </div>
  );
}
