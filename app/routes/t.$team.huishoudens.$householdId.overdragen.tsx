// "Overdragen": the team's coordinator proposes to hand the household to
// another team, with a reason. Members and everyone else: 404 (the use case
// checks "transfer Household"; the frame already hides other teams' households).
import { getFormProps } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextAreaField, requiredText, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { getTransferForm, proposeTransfer } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { parseSubmission, readFormData, runForm } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";

const t = nl.transfers;

const schema = z.object({
  toTeamId: z.string({ required_error: t.teamRequired }).min(1, t.teamRequired),
  reason: requiredText(t.reasonRequired, 3, 1000),
});

async function coordinatorContext(request: Request, team: string | undefined, context: unknown) {
  const ctx = await requireTeamContext(request, team, context as { ip?: string });
  // Not the coordinator: the page does not exist for them.
  if (!ctx.ability.can("transfer", as("Household", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })))
    throw new Response("Niet gevonden", { status: 404 });
  return ctx;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await coordinatorContext(request, params.team, context);
  const form = await getTransferForm(ctx, params.householdId ?? "").catch(toHttpError);
  return { ...form, teamSlug: ctx.team.slug, proposed: new URL(request.url).searchParams.has("voorgesteld") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await coordinatorContext(request, params.team, context);
  const form = await readFormData(request);
  const result = await runForm(parseSubmission(form, { schema }), (v) => proposeTransfer(ctx, params.householdId ?? "", v), {
    fieldMessages: { toTeamId: t.teamRequired, reason: t.reasonRequired },
  });
  if (!result.ok) return result.response;
  return redirect(`/t/${ctx.team.slug}/huishoudens/${params.householdId}/overdragen?voorgesteld=1`);
}

export default function TransferHousehold() {
  const { household, teams, open, teamSlug, proposed } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult: reply?.result });
  return (
    <section aria-labelledby="transfer-heading" className="card max-w-2xl space-y-3">
      <h3 id="transfer-heading">{t.transferTitle(household.reference)}</h3>
      {proposed ? <SuccessNotice>{t.proposed}</SuccessNotice> : null}
      {open ? (
        <p>
          {t.openProposal(open.toTeam)} <Link to={`/t/${teamSlug}/overdrachten`}>{t.toOverview}</Link>
        </p>
      ) : (
        <>
          <p>{t.transferIntro}</p>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors form={form} />
            <SelectField field={fields.toTeamId} label={t.toTeam} options={teams.map((x) => ({ value: x.id, label: x.name }))} placeholder="—" />
            <TextAreaField field={fields.reason} label={t.reason} hint={t.reasonHint} rows={3} />
            <SubmitButton>{t.propose}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
