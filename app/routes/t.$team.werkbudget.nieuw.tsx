// A new spend request. "Opslaan als concept" saves a draft; "Indienen" saves
// and submits in one request. When submitting finds the request incomplete
// the draft is kept (its id goes back into the form, so the next attempt
// updates it instead of creating another) and the missing fields are marked.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { as } from "@wijkwerk/authz";
import { SpendForm, spendFormReply, spendFormSchema, toDraftInput } from "~/components/spend-form";
import { forbiddenResponse, requireTeamContext } from "~/context.server";
import { createSpendDraft, listNorms, residentRefFormat, submitSpend, updateSpendDraft } from "~/core/workbudget.server";
import { householdChoicesForSpend } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { runForForm } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.spends;
export const meta: MetaFunction = () => [{ title: `${t.form.newTitle} – ${nl.common.appName}` }];

async function teamContext(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const ctx = await requireTeamContext(args.request, args.params.team, args.context as { ip?: string });
  if (!ctx.ability.can("create", as("Spend", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id, authorId: ctx.user.id })))
    throw forbiddenResponse(); // own team, role without the workbudget (a volunteer): 403
  return ctx;
}

export async function loader(args: LoaderFunctionArgs) {
  const ctx = await teamContext(args);
  const norms = (await listNorms(ctx))
    .filter((n) => n.active)
    .map((n) => ({ id: n.id, label: n.label, amountCents: n.amountCents, unit: n.unit, source: n.source, isLocalEstimate: n.isLocalEstimate }));
  return { team: { slug: ctx.team.slug }, norms, residentRef: await residentRefFormat(ctx), households: await householdChoicesForSpend(ctx).catch(() => []) };
}

type ActionData = { result: SubmissionResult<string[]>; savedId: string | null; savedNotSubmitted?: boolean; personalData?: boolean };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function action(args: ActionFunctionArgs) {
  const ctx = await teamContext(args);
  const formData = await readFormData(args.request);
  const intent = formData.get("intent") === "submit" ? "submit" : "save";
  // A draft this form created on an earlier, incomplete submit.
  const earlier = String(formData.get("spendId") ?? "");
  let savedId = UUID.test(earlier) ? earlier : null;
  const submission = parseSubmission(formData, { schema: spendFormSchema });
  if (submission.status !== "success") return data<ActionData>({ result: submission.reply(), savedId }, { status: 400 });
  const reply = spendFormReply(submission.reply);
  const input = toDraftInput(submission.value);

  const saved = await runForForm(reply, async () => {
    if (savedId) {
      await updateSpendDraft(ctx, savedId, input);
      return savedId;
    }
    return (await createSpendDraft(ctx, input)).id;
  });
  // 422: the privacy guard found personal data; the form then offers the override.
  if (!saved.ok) return data<ActionData>({ result: saved.result, savedId, personalData: saved.status === 422 }, { status: saved.status });
  savedId = saved.value;
  const base = `/t/${ctx.team.slug}/werkbudget/${savedId}`;
  if (intent === "save") return redirect(`${base}?gedaan=opgeslagen`);

  const submitted = await runForForm(reply, () => submitSpend(ctx, savedId!));
  if (!submitted.ok) return data<ActionData>({ result: submitted.result, savedId, savedNotSubmitted: true }, { status: submitted.status });
  return redirect(`${base}?gedaan=ingediend`);
}

export default function NewSpend() {
  const { team, norms, residentRef, households } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/t/${team.slug}/werkbudget`}>← {t.back}</Link>
      </p>
      <h2>{t.form.newTitle}</h2>
      <SpendForm
        residentRef={residentRef}
        households={households}
        personalData={actionData?.personalData}
        lastResult={actionData?.result}
        norms={norms}
        normTableHref={`/t/${team.slug}/werkbudget/normen`}
        spendId={actionData?.savedId}
        savedNotSubmitted={actionData?.savedNotSubmitted}
      />
    </div>
  );
}
