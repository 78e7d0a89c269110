// The household's one plan: regisseur and involved professionals, goals per
// life domain, arrangements per kanteling layer (provider from the sociale
// kaart, filtered by the chosen layer, or by name) serving several goals,
// the support that existed at intake, and the household's workbudget spends.
// An arrangement can point to a Buurtservice match of the team (own strength
// and social network layers) and to a buurtinitiatief (issue 19).
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextAreaField, TextField, anyText, replyFor, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import {
  ALL_ZRM_DOMAINS,
  ARRANGEMENT_STATUSES,
  GOAL_STATUSES,
  GOAL_TYPES,
  KANTELING_LAYERS,
  addArrangement,
  addGoal,
  arrangementStatusLabels,
  getHouseholdSpends,
  getPlan,
  goalStatusLabels,
  goalTypeLabels,
  kantelingLayerLabels,
  neighbourhoodChoicesForPlan,
  providerChoicesForPlan,
  updateArrangement,
  updateGoal,
  zrmDomainLabels,
  type PlanArrangement,
  type PlanGoal,
} from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatMoney } from "~/lib/format";
import { parseSubmission, readFormData, runForm, type FormReply } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.caseworkPlan.plan;
const nb = nl.caseworkPlan.neighbourhood;
const fe = t.fieldErrors;
const optionalDate = (message: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .optional();
const schemas = {
  goal: z.object({
    lifeDomain: z.string({ required_error: fe.lifeDomain }).min(1, fe.lifeDomain),
    description: z.string({ required_error: fe.description }).trim().min(1, fe.description).max(2000, fe.description),
    goalType: z.string({ required_error: fe.goalType }).min(1, fe.goalType),
    status: anyText,
    goalId: anyText,
    intent: anyText,
  }),
  arrangement: z.object({
    layer: z.string({ required_error: fe.layer }).min(1, fe.layer),
    provider: anyText,
    providerName: z.string().max(200, fe.providerName).optional(),
    description: z.string().max(2000, fe.arrangementDescription).optional(),
    startsOn: optionalDate(fe.startsOn),
    endsOn: optionalDate(fe.endsOn),
    status: anyText,
    existing: anyText,
    buurtserviceMatchId: anyText,
    initiativeId: anyText,
    goalIds: z.union([z.string(), z.array(z.string())]).optional(),
    arrangementId: anyText,
    intent: anyText,
  }),
};
const fieldMessages = { ...fe, goalIds: nl.domainErrors.goal_other_case, providerId: nl.domainErrors.provider_unknown };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const householdId = params.householdId ?? "";
  const plan = await getPlan(ctx, householdId).catch(toHttpError);
  const spends = await getHouseholdSpends(ctx, householdId).catch(toHttpError);
  const providers = plan.canEdit ? await providerChoicesForPlan(ctx).catch(toHttpError) : [];
  const neighbourhood = plan.canEdit ? await neighbourhoodChoicesForPlan(ctx).catch(toHttpError) : { matches: [], initiatives: [] };
  return {
    plan,
    spends,
    providers,
    neighbourhood,
    teamSlug: ctx.team.slug,
    domains: ALL_ZRM_DOMAINS.map((d) => ({ value: d, label: zrmDomainLabels[d] })),
    goalTypes: GOAL_TYPES.map((g) => ({ value: g, label: goalTypeLabels[g] })),
    goalStatuses: GOAL_STATUSES.map((g) => ({ value: g, label: goalStatusLabels[g] })),
    layers: KANTELING_LAYERS.map((l) => ({ value: l, label: kantelingLayerLabels[l] })),
    arrangementStatuses: ARRANGEMENT_STATUSES.map((s) => ({ value: s, label: arrangementStatusLabels[s] })),
    labels: {
      domains: zrmDomainLabels,
      goalTypes: goalTypeLabels,
      goalStatuses: goalStatusLabels,
      layers: kantelingLayerLabels,
      statuses: arrangementStatusLabels,
    },
    spendStatuses: nl.spends.statuses,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const householdId = params.householdId ?? "";
  const form = await readFormData(request);
  const back = `/t/${ctx.team.slug}/huishoudens/${householdId}/plan?opgeslagen=1`;
  if (form.get("intent") === "goal") {
    const goalId = String(form.get("goalId") ?? "");
    const r = await runForm(
      parseSubmission(form, { schema: schemas.goal }),
      async (v) => {
        const input = {
          lifeDomain: v.lifeDomain as "finances",
          description: v.description,
          goalType: v.goalType as "improve",
          status: (v.status || "open") as "open",
        };
        if (goalId) await updateGoal(ctx, householdId, goalId, input);
        else await addGoal(ctx, householdId, input);
      },
      { fieldMessages, form: "goal" },
    );
    if (!r.ok) return r.response;
    return redirect(back);
  }
  const arrangementId = String(form.get("arrangementId") ?? "");
  const r = await runForm(
    parseSubmission(form, { schema: schemas.arrangement }),
    async (v) => {
      const [providerId, offerId] = (v.provider ?? "").split(":");
      const input = {
        layer: v.layer as "general",
        providerId: providerId || null,
        offerId: offerId || null,
        providerName: v.providerName ?? "",
        description: v.description ?? "",
        startsOn: v.startsOn || null,
        endsOn: v.endsOn || null,
        status: (v.status || "planned") as "planned",
        existing: v.existing === "on",
        buurtserviceMatchId: v.buurtserviceMatchId || null,
        initiativeId: v.initiativeId || null,
        goalIds: form.getAll("goalIds").map(String).slice(0, 50),
      };
      if (arrangementId) await updateArrangement(ctx, householdId, arrangementId, input);
      else await addArrangement(ctx, householdId, input);
    },
    { fieldMessages, form: "arrangement" },
  );
  if (!r.ok) return r.response;
  return redirect(back);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function GoalForm({ data, goal, reply }: { data: Data; goal: PlanGoal | null; reply: FormReply | undefined }) {
  const [form, fields] = useFormKit({
    schema: schemas.goal,
    id: "goal-form",
    lastResult: replyFor(reply, "goal")?.result as SubmissionResult<string[]> | undefined,
    defaultValue: goal ? { lifeDomain: goal.lifeDomain, description: goal.description, goalType: goal.goalType, status: goal.status } : { status: "open" },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors form={form} />
      {goal ? <input type="hidden" name="goalId" value={goal.id} /> : null}
      <SelectField field={fields.lifeDomain} label={t.lifeDomain} options={data.domains} placeholder={nl.caseworkPlan.choose} />
      <TextAreaField field={fields.description} label={t.description} rows={2} />
      <SelectField field={fields.goalType} label={t.goalType} options={data.goalTypes} placeholder={nl.caseworkPlan.choose} />
      <SelectField field={fields.status} label={t.status} options={data.goalStatuses} />
      <SaveOrCancel intent="goal" editing={!!goal} addLabel={t.addGoal} />
    </Form>
  );
}

function ArrangementForm({ data, arrangement, reply }: { data: Data; arrangement: PlanArrangement | null; reply: FormReply | undefined }) {
  const own = replyFor(reply, "arrangement");
  const typed = (own?.result.initialValue ?? {}) as Record<string, unknown>;
  const [layer, setLayer] = useState<string>(String(typed.layer ?? arrangement?.layer ?? ""));
  const [form, fields] = useFormKit({
    schema: schemas.arrangement,
    id: "arrangement-form",
    lastResult: own?.result as SubmissionResult<string[]> | undefined,
    defaultValue: arrangement
      ? {
          layer: arrangement.layer,
          provider: arrangement.providerId ? [arrangement.providerId, arrangement.offerId].filter(Boolean).join(":") : "",
          providerName: arrangement.providerName,
          description: arrangement.description,
          startsOn: arrangement.startsOn ?? "",
          endsOn: arrangement.endsOn ?? "",
          status: arrangement.status,
          existing: arrangement.existing ? "on" : "",
          buurtserviceMatchId: arrangement.match?.id ?? "",
          initiativeId: arrangement.initiative?.id ?? "",
        }
      : { status: "planned" },
  });
  const providerOptions = data.providers
    .filter((p) => !layer || p.layer === layer)
    .flatMap((p) => [{ value: p.id, label: p.name }, ...p.offers.map((o) => ({ value: `${p.id}:${o.id}`, label: `${p.name} – ${o.name}` }))]);
  const matchOptions = data.neighbourhood.matches.map((m) => ({
    value: m.id,
    label: nb.matchOption(m.label, m.buurtName, nl.buurtservice.status[m.status] ?? m.status),
  }));
  // A link the arrangement already has stays selectable, even when it is not in the list (another team's match after a transfer).
  if (arrangement?.match && !matchOptions.some((o) => o.value === arrangement.match!.id))
    matchOptions.unshift({ value: arrangement.match.id, label: nb.matchHidden });
  const initiativeOptions = data.neighbourhood.initiatives.map((i) => ({ value: i.id, label: nb.initiativeOption(i.name, i.buurtName, !!i.endedOn) }));
  // Hidden only once another layer is chosen (without JavaScript it stays, and the server checks the layer).
  const matchLayer = !layer || layer === "own_strength" || layer === "social_network";
  const checkedGoals = new Set(
    Array.isArray(typed.goalIds) ? typed.goalIds.map(String) : typed.goalIds ? [String(typed.goalIds)] : (arrangement?.goalIds ?? []),
  );
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <FormErrors form={form} />
      {arrangement ? <input type="hidden" name="arrangementId" value={arrangement.id} /> : null}
      <div
        onChange={(e) => {
          const target = e.target as HTMLSelectElement;
          if (target.name === "layer") setLayer(target.value);
        }}
      >
        <SelectField field={fields.layer} label={t.layer} options={data.layers} placeholder={nl.caseworkPlan.choose} />
      </div>
      <SelectField field={fields.provider} label={t.providerPick} hint={t.providerPickHint} options={providerOptions} placeholder={t.providerNone} />
      <TextField field={fields.providerName} label={`${t.providerName} ${nl.caseworkPlan.optional}`} hint={t.providerNameHint} />
      <TextAreaField field={fields.description} label={`${t.arrangementDescription} ${nl.caseworkPlan.optional}`} rows={2} />
      {matchLayer || arrangement?.match ? (
        <SelectField
          field={fields.buurtserviceMatchId}
          label={`${nb.match} ${nl.caseworkPlan.optional}`}
          hint={matchOptions.length ? nb.matchHint : nb.noMatches}
          options={matchOptions}
          placeholder={nb.none}
        />
      ) : null}
      <SelectField
        field={fields.initiativeId}
        label={`${nb.initiative} ${nl.caseworkPlan.optional}`}
        hint={nb.initiativeHint}
        options={initiativeOptions}
        placeholder={nb.none}
      />
      <div className="flex flex-wrap gap-4">
        <TextField field={fields.startsOn} label={`${t.startsOn} ${nl.caseworkPlan.optional}`} type="date" />
        <TextField field={fields.endsOn} label={`${t.endsOn} ${nl.caseworkPlan.optional}`} type="date" />
        <SelectField field={fields.status} label={t.status} options={data.arrangementStatuses} />
      </div>
      <fieldset id={fields.goalIds.id} className="field" aria-describedby={fields.goalIds.errors?.length ? fields.goalIds.errorId : undefined}>
        <legend>{t.goalsServedLegend}</legend>
        {data.plan.goals.length === 0 ? <p className="hint">{t.noGoalsToLink}</p> : null}
        {data.plan.goals.map((g) => (
          <label key={g.id} className="flex items-center gap-2">
            <input type="checkbox" name="goalIds" value={g.id} defaultChecked={checkedGoals.has(g.id)} />
            {data.labels.domains[g.lifeDomain]}: {g.description}
          </label>
        ))}
        {fields.goalIds.errors?.length ? (
          <p className="field-error" id={fields.goalIds.errorId}>
            {fields.goalIds.errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <CheckboxField field={fields.existing} label={t.isExisting} />
      <SaveOrCancel intent="arrangement" editing={!!arrangement} addLabel={t.addArrangement} />
    </Form>
  );
}

function ArrangementTable({ data, rows, caption }: { data: Data; rows: PlanArrangement[]; caption: string }) {
  const goalName = (id: string) => {
    const g = data.plan.goals.find((x) => x.id === id);
    return g ? `${data.labels.domains[g.lifeDomain]}: ${g.description}` : "";
  };
  return (
    <div className="overflow-x-auto" {...scrollRegion(caption)}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.layer}</th>
            <th scope="col">{t.provider}</th>
            <th scope="col">{t.arrangementDescription}</th>
            <th scope="col">{t.startsOn}</th>
            <th scope="col">{t.endsOn}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.goalsServed}</th>
            {data.plan.canEdit ? <th scope="col">{nl.caseworkPlan.edit}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{data.labels.layers[a.layer]}</td>
              <td>
                {[a.provider, a.offer].filter(Boolean).join(" – ") || (a.match || a.initiative ? "" : nl.caseworkPlan.dash)}
                <NeighbourhoodLinks arrangement={a} teamSlug={data.teamSlug} />
              </td>
              <td className="whitespace-pre-line">{a.description || nl.caseworkPlan.dash}</td>
              <td>{a.startsOn ? formatDate(a.startsOn) : nl.caseworkPlan.dash}</td>
              <td>{a.endsOn ? formatDate(a.endsOn) : nl.caseworkPlan.dash}</td>
              <td>{data.labels.statuses[a.status]}</td>
              <td>{a.goalIds.map(goalName).join("; ") || nl.caseworkPlan.dash}</td>
              {data.plan.canEdit ? (
                <td>
                  <Link to={`?arrangement=${a.id}#arrangement-form-heading`}>
                    {nl.caseworkPlan.edit}
                    <span className="sr-only">: {[data.labels.layers[a.layer], a.provider].filter(Boolean).join(" – ")}</span>
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function PlanPage() {
  const data = useLoaderData<typeof loader>();
  const { plan, spends, teamSlug, labels } = data;
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const [params] = useSearchParams();
  const editGoal = plan.goals.find((g) => g.id === params.get("doel")) ?? null;
  const editArrangement = [...plan.arrangements, ...plan.existing].find((a) => a.id === params.get("arrangement")) ?? null;
  if (!plan.caseId) return <p>{nl.caseworkPlan.noCase}</p>;
  return (
    <div className="space-y-6">
      {params.get("opgeslagen") ? <SuccessNotice>{nl.caseworkPlan.saved}</SuccessNotice> : null}
      {plan.caseStatus === "closed" ? <p className="alert alert-info">{nl.caseworkPlan.closedNote}</p> : null}
      <section aria-labelledby="plan-people" className="card space-y-2">
        <h3 id="plan-people">{t.title}</h3>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t.regisseur}</dt>
          <dd>{plan.regisseur?.name ?? nl.caseworkPlan.dash}</dd>
          <dt className="font-semibold">{t.involved}</dt>
          <dd>{plan.involved.length ? plan.involved.map((p) => p.name).join(", ") : t.noInvolved}</dd>
        </dl>
        {!plan.canEdit && plan.caseStatus === "open" ? <p className="hint">{nl.caseworkPlan.readOnlyNote}</p> : null}
      </section>

      <section aria-labelledby="plan-goals" className="card space-y-3">
        <h3 id="plan-goals">{t.goals}</h3>
        {plan.goals.length === 0 ? (
          <p>{t.noGoals}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t.goals)}>
            <table className="table">
              <caption className="sr-only">{t.goals}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.lifeDomain}</th>
                  <th scope="col">{t.description}</th>
                  <th scope="col">{t.goalType}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.servedBy}</th>
                  {plan.canEdit ? <th scope="col">{nl.caseworkPlan.edit}</th> : null}
                </tr>
              </thead>
              <tbody>
                {plan.goals.map((g) => (
                  <tr key={g.id}>
                    <td>{labels.domains[g.lifeDomain]}</td>
                    <td className="whitespace-pre-line">{g.description}</td>
                    <td>{labels.goalTypes[g.goalType]}</td>
                    <td>{labels.goalStatuses[g.status]}</td>
                    <td>
                      {g.arrangementIds
                        .map((id) => [...plan.arrangements, ...plan.existing].find((a) => a.id === id))
                        .filter(Boolean)
                        .map((a) => `${labels.layers[a!.layer]}${a!.provider ? ` – ${a!.provider}` : ""}`)
                        .join("; ") || nl.caseworkPlan.dash}
                    </td>
                    {plan.canEdit ? (
                      <td>
                        <Link to={`?doel=${g.id}#goal-form-heading`}>
                          {nl.caseworkPlan.edit}
                          <span className="sr-only">: {labels.domains[g.lifeDomain]}</span>
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {plan.canEdit ? (
          <>
            <h4 id="goal-form-heading">{editGoal ? t.editGoal : t.addGoal}</h4>
            <GoalForm key={editGoal?.id ?? "new"} data={data} goal={editGoal} reply={reply} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="plan-arrangements" className="card space-y-3">
        <h3 id="plan-arrangements">{t.arrangements}</h3>
        {plan.arrangements.length === 0 ? <p>{t.noArrangements}</p> : <ArrangementTable data={data} rows={plan.arrangements} caption={t.arrangements} />}
        <h4 id="plan-existing">{t.existing}</h4>
        {plan.existing.length === 0 ? <p>{t.noExisting}</p> : <ArrangementTable data={data} rows={plan.existing} caption={t.existing} />}
        {plan.canEdit ? (
          <>
            <h4 id="arrangement-form-heading">{editArrangement ? t.editArrangement : t.addArrangement}</h4>
            <ArrangementForm key={editArrangement?.id ?? "new"} data={data} arrangement={editArrangement} reply={reply} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="plan-spends" className="card space-y-3">
        <h3 id="plan-spends">{t.spends}</h3>
        {spends.length === 0 ? (
          <p>{t.noSpends}</p>
        ) : (
          <table className="table">
            <caption className="sr-only">{t.spends}</caption>
            <thead>
              <tr>
                <th scope="col">{t.spendNumber}</th>
                <th scope="col">{t.spendAmount}</th>
                <th scope="col">{t.spendStatus}</th>
              </tr>
            </thead>
            <tbody>
              {spends.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/t/${teamSlug}/werkbudget/${s.id}`}>#{s.number}</Link>
                  </td>
                  <td>{formatMoney(s.amountCents)}</td>
                  <td>{data.spendStatuses[s.status] ?? s.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** The arrangement's Buurtservice match and buurtinitiatief, with their status (they outlive the match or initiative ending). */
function NeighbourhoodLinks({ arrangement: a, teamSlug }: { arrangement: PlanArrangement; teamSlug: string }) {
  if (!a.match && !a.initiative) return null;
  return (
    <ul className="mt-1 space-y-1 text-sm">
      {a.match ? (
        <li>
          {nb.matchPrefix}{" "}
          {a.match.visible ? (
            <>
              <Link to={`/t/${teamSlug}/buurtservice/${a.match.requestId}`}>
                {nb.matchText(a.match.requestPseudonym, a.match.offerPseudonym, a.match.buurtName)}
              </Link>{" "}
              ({nl.buurtservice.status[a.match.status] ?? a.match.status}
              {a.match.reciprocal ? `, ${nl.buurtservice.reciprocal.toLowerCase()}` : ""})
            </>
          ) : (
            nb.matchHidden
          )}
        </li>
      ) : null}
      {a.initiative ? (
        <li>
          {nb.initiativePrefix} <Link to={`/initiatieven/${a.initiative.id}`}>{nb.initiativeText(a.initiative.name, a.initiative.buurtName)}</Link> (
          {a.initiative.endedOn ? nb.ended(formatDate(a.initiative.endedOn)) : nb.active})
        </li>
      ) : null}
    </ul>
  );
}

/** A plan form's buttons: "add" for a new line; "save" and "cancel" (back to the plan) while editing one. */
function SaveOrCancel({ intent, editing, addLabel }: { intent: string; editing: boolean; addLabel: string }) {
  return (
    <div className="flex gap-3">
      <SubmitButton name="intent" value={intent}>
        {editing ? nl.caseworkPlan.save : addLabel}
      </SubmitButton>
      {editing ? (
        <Link to="?" className="btn btn-secondary">
          {nl.caseworkPlan.cancelEdit}
        </Link>
      ) : null}
    </div>
  );
}
