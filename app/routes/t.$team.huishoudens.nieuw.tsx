// The intake on one page: the household (type, buurt or street), its persons
// (added inline with "+ gezinslid", which also works without JavaScript: the
// button posts the form and the page comes back with one more person, the
// typed values kept), the intake and the case team. Only what the question
// needs is required; sensible defaults (today, the intaker as regisseur).
import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { calendarDate } from "@wijkwerk/core/dates";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFormKit } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import {
  entryRouteLabels,
  genderLabels,
  householdTypeLabels,
  legalBasisLabels,
  listTeamBuurten,
  listTeamProfessionals,
  MAX_PERSONS,
  personRoleLabels,
  questionTypeLabels,
  registerIntake,
  type IntakeInput,
} from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { todayInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { notFoundWhenForbidden, runForForm, toHttpError } from "~/lib/http.server";

/** The persons list as conform types it (the kit types its fields loosely). */
type PersonList = FieldMetadata<Record<string, unknown>[], Record<string, unknown>, string[]>;

const t = nl.caseworkHouseholds.intake;
const e = t.errors;

const choice = (message: string) => z.string({ required_error: message }).min(1, message).max(40, message);
const optionalText = (max: number) => z.string().max(max, e.tooLong).optional();

const person = z.object({
  role: choice(e.role),
  name: optionalText(120),
  gender: z.string().max(20).optional(),
  birthYear: z.number({ invalid_type_error: e.birthYear }).int(e.birthYear).min(1900, e.birthYear).max(2100, e.birthYear).optional(),
  dateOfBirth: calendarDate(e.date).optional(),
  bsn: z.string().max(20, e.bsn).optional(),
});

const schema = z.object({
  householdType: choice(e.householdType),
  buurtId: z.string().max(40).optional(),
  street: optionalText(120),
  intakeOn: calendarDate(e.intakeOn, e.intakeOn),
  entryRoute: choice(e.entryRoute),
  questionType: choice(e.questionType),
  question: optionalText(4000),
  intakeNotes: optionalText(20000),
  regisseurId: z.string().max(40).optional(),
  involvedIds: z.array(z.string().max(40)).max(20).optional(),
  legalBasis: z.string().max(20).optional(),
  persons: z.array(person).min(1).max(20),
});

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  try {
    const [buurten, professionals] = await Promise.all([listTeamBuurten(ctx), listTeamProfessionals(ctx)]);
    return {
      teamSlug: ctx.team.slug,
      me: ctx.actor.userId,
      today: todayInAmsterdam(),
      buurten,
      professionals,
      labels: {
        householdType: householdTypeLabels,
        entryRoute: entryRouteLabels,
        questionType: questionTypeLabels,
        role: personRoleLabels,
        gender: genderLabels,
        legalBasis: legalBasisLabels,
      },
    };
  } catch (error) {
    return toHttpError(notFoundWhenForbidden(error));
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  // Not for this role (a volunteer): 404, as for another team.
  if (!ctx.ability.can("create", as("Household", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId })))
    throw new Response("Niet gevonden", { status: 404 });
  const form = await readFormData(request);
  const submission = parseSubmission(form, { schema });
  // "+ gezinslid" / "remove person i": the same page with the list changed and every typed value kept, no errors yet.
  const listChange = String(form.get("gezinslid") ?? "");
  if (listChange) {
    const payload = (submission.payload ?? {}) as Record<string, unknown>;
    const persons = Array.isArray(payload.persons) ? [...(payload.persons as unknown[])] : [];
    const remove = /^remove-(\d+)$/.exec(listChange);
    const intent =
      remove && persons.length > 1 && Number(remove[1]) < persons.length
        ? { type: "remove" as const, payload: { name: "persons", index: Number(remove[1]) } }
        : listChange === "add" && persons.length < MAX_PERSONS
          ? { type: "insert" as const, payload: { name: "persons", defaultValue: { role: "child" } } }
          : null;
    if (intent?.type === "remove") persons.splice(intent.payload.index, 1);
    if (intent?.type === "insert") persons.push({ role: "child" });
    const result = { initialValue: { ...payload, persons }, ...(intent ? { intent } : {}) } as unknown as SubmissionResult<string[]>;
    return data(result);
  }
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // The use case checks every choice against its list (the form's schema only says what is missing, in Dutch).
  const outcome = await runForForm(submission.reply, () => registerIntake(ctx, submission.value as unknown as IntakeInput));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/t/${ctx.team.slug}/huishoudens/${outcome.value.id}?nieuw=1`);
}

export default function NewIntake() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormKit({
    schema,
    lastResult,
    defaultValue: {
      intakeOn: d.today,
      entryRoute: "self",
      questionType: "multiple",
      regisseurId: d.me,
      legalBasis: "none",
      persons: [{ role: "adult" }],
    },
  });
  const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
  const persons = (fields.persons as unknown as PersonList).getFieldList();
  const involvedValue = fields.involvedIds.initialValue;
  const involved = new Set(Array.isArray(involvedValue) ? involvedValue : involvedValue ? [involvedValue] : []);
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/t/${d.teamSlug}/huishoudens`}>{nl.casework.back}</Link>
      </p>
      <section aria-labelledby="intake-heading" className="card max-w-3xl">
        <h2 id="intake-heading">{t.title}</h2>
        <p className="hint">{t.intro}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors form={form} />
          <fieldset className="space-y-2">
            <legend className="text-lg font-semibold">{t.household}</legend>
            <SelectField field={fields.householdType} label={t.householdType} options={options(d.labels.householdType)} placeholder={t.choose} />
            <div className="grid gap-x-4 sm:grid-cols-2">
              <SelectField
                field={fields.buurtId}
                label={t.buurt}
                hint={t.buurtHint}
                options={d.buurten.map((b) => ({ value: b.id, label: b.name }))}
                placeholder={t.choose}
              />
              <TextField field={fields.street} label={t.street} hint={t.streetHint} autoComplete="off" />
            </div>
          </fieldset>
          <fieldset className="space-y-3">
            <legend className="text-lg font-semibold">{t.persons}</legend>
            {persons.map((p, i) => {
              const f = p.getFieldset();
              return (
                <div key={p.key} className="rounded border border-gray-300 p-3" role="group" aria-labelledby={`${p.id}-title`}>
                  <h3 id={`${p.id}-title`} className="text-base font-semibold">
                    {t.person(i + 1)}
                  </h3>
                  <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
                    <SelectField field={f.role} label={t.role} options={options(d.labels.role)} />
                    <TextField field={f.name} label={t.name} autoComplete="off" />
                    <SelectField field={f.gender} label={t.gender} options={options(d.labels.gender)} placeholder={d.labels.gender.unknown} />
                    <TextField field={f.birthYear} label={t.birthYear} type="number" inputMode="numeric" />
                  </div>
                  <details open={!!(f.dateOfBirth.errors?.length || f.bsn.errors?.length || f.bsn.initialValue || f.dateOfBirth.initialValue)}>
                    <summary className="cursor-pointer">{t.idDetails}</summary>
                    <div className="grid gap-x-4 sm:grid-cols-2">
                      <TextField field={f.dateOfBirth} label={t.dateOfBirth} type="date" />
                      <TextField field={f.bsn} label={t.bsn} hint={t.bsnHint} inputMode="numeric" autoComplete="off" />
                    </div>
                  </details>
                  {persons.length > 1 ? (
                    <button type="submit" name="gezinslid" value={`remove-${i}`} formNoValidate className="btn btn-secondary mt-2">
                      {t.removePerson(i + 1)}
                    </button>
                  ) : null}
                </div>
              );
            })}
            {fields.persons.errors?.length ? <p className="field-error">{fields.persons.errors.join(" ")}</p> : null}
            {persons.length < 20 ? (
              <button type="submit" name="gezinslid" value="add" formNoValidate className="btn btn-secondary">
                {t.addPerson}
              </button>
            ) : null}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-lg font-semibold">{t.intake}</legend>
            <div className="grid gap-x-4 sm:grid-cols-3">
              <TextField field={fields.intakeOn} label={t.intakeOn} type="date" />
              <SelectField field={fields.entryRoute} label={t.entryRoute} options={options(d.labels.entryRoute)} />
              <SelectField field={fields.questionType} label={t.questionType} options={options(d.labels.questionType)} />
            </div>
            <TextAreaField field={fields.question} label={t.question} rows={3} />
            <TextAreaField field={fields.intakeNotes} label={t.intakeNotes} rows={5} />
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-lg font-semibold">{t.caseTeam}</legend>
            <div className="grid gap-x-4 sm:grid-cols-2">
              <SelectField
                field={fields.regisseurId}
                label={t.regisseur}
                options={d.professionals.map((p) => ({ value: p.id, label: p.id === d.me ? t.me(p.name) : p.name }))}
              />
              <SelectField field={fields.legalBasis} label={t.legalBasis} hint={t.legalBasisHint} options={options(d.labels.legalBasis)} />
            </div>
            {d.professionals.length > 1 ? (
              <fieldset id={fields.involvedIds.id} aria-describedby={fields.involvedIds.errors?.length ? fields.involvedIds.errorId : undefined}>
                <legend>{t.involved}</legend>
                <ul className="grid gap-1 sm:grid-cols-2">
                  {d.professionals
                    .filter((p) => p.id !== d.me)
                    .map((p) => (
                      <li key={p.id} className="flex items-center gap-2">
                        <input type="checkbox" id={`involved-${p.id}`} name="involvedIds" value={p.id} defaultChecked={involved.has(p.id)} />
                        <label htmlFor={`involved-${p.id}`}>{p.name}</label>
                      </li>
                    ))}
                </ul>
                {fields.involvedIds.errors?.length ? (
                  <p id={fields.involvedIds.errorId} className="field-error">
                    {fields.involvedIds.errors.join(" ")}
                  </p>
                ) : null}
              </fieldset>
            ) : null}
          </fieldset>
          <SubmitButton name="intent" value="intake">
            {t.submit}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
