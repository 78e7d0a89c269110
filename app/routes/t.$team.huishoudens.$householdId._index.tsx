// A household's overview: persons (BSN masked), the intake of the current
// case, the regisseur and the other involved professionals. The case team and
// the coordinator correct persons and profile (rectification, audited) and
// change the regisseur or who is involved; a break-the-glass reader only reads.
// Every load is a logged read ('summary').
import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { calendarDate } from "@wijkwerk/core/dates";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextAreaField, TextField, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import {
  addInvolved,
  addPerson,
  entryRouteLabels,
  genderLabels,
  getHouseholdSummary,
  householdTypeLabels,
  legalBasisLabels,
  listTeamProfessionals,
  personRoleLabels,
  questionTypeLabels,
  removeInvolved,
  removePerson,
  reopenCase,
  setRegisseur,
  updatePersons,
  updateProfile,
  type CaseIntakeInput,
  type PersonInput,
  type PersonUpdateInput,
  type ProfileInput,
} from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate, todayInAmsterdam } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { runForForm, runForMessage, toHttpError } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

/** The persons list as conform types it (the kit types its fields loosely). */
type PersonList = FieldMetadata<Record<string, unknown>[], Record<string, unknown>, string[]>;

const t = nl.caseworkHouseholds.overview;
const e = nl.caseworkHouseholds.intake.errors;

const choice = (message: string) => z.string({ required_error: message }).min(1, message).max(40, message);
const personFields = {
  role: choice(e.role),
  name: z.string().max(120, e.tooLong).optional(),
  gender: z.string().max(20).optional(),
  birthYear: z.number({ invalid_type_error: e.birthYear }).int(e.birthYear).min(1900, e.birthYear).max(2100, e.birthYear).optional(),
  dateOfBirth: calendarDate(e.date).optional(),
  bsn: z.string().max(20, e.bsn).optional(),
};
const personsSchema = z.object({
  persons: z
    .array(z.object({ id: z.string().max(40), ...personFields, clearBsn: z.boolean().optional() }))
    .min(1)
    .max(20),
});
const addPersonSchema = z.object(personFields);
const reopenSchema = z.object({
  intakeOn: calendarDate(e.intakeOn, e.intakeOn),
  entryRoute: choice(e.entryRoute),
  questionType: choice(e.questionType),
  question: z.string().max(4000, e.tooLong).optional(),
});
const profileSchema = z.object({
  householdType: choice(e.householdType),
  address: z.string().max(200, e.tooLong).optional(),
  postcode: z.string().max(10, e.tooLong).optional(),
  phone: z.string().max(30, e.tooLong).optional(),
  initials: z.string().max(20, e.tooLong).optional(),
});

type Reply = { form: string; result?: SubmissionResult<string[]>; message?: string };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  try {
    const summary = await getHouseholdSummary(ctx, params.householdId ?? "");
    return {
      summary,
      professionals: summary.canEdit ? await listTeamProfessionals(ctx) : [],
      today: todayInAmsterdam(),
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
    return toHttpError(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const id = params.householdId ?? "";
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const back = redirect(`/t/${ctx.team.slug}/huishoudens/${id}?opgeslagen=1`);
  const withForm = <S extends z.ZodTypeAny>(name: string, schema: S, run: (v: z.output<S>) => Promise<unknown>) => {
    const submission = parseSubmission(form, { schema });
    if (submission.status !== "success") return Promise.resolve(data<Reply>({ form: name, result: submission.reply() }, { status: 400 }));
    return runForForm(submission.reply, () => run(submission.value)).then((r) =>
      r.ok ? back : data<Reply>({ form: name, result: r.result }, { status: r.status }),
    );
  };
  const withMessage = async (name: string, run: () => Promise<unknown>) => {
    const r = await runForMessage(run);
    return r.ok ? back : data<Reply>({ form: name, message: r.message }, { status: r.status });
  };
  switch (intent) {
    case "persons":
      return withForm("persons", personsSchema, (v) => updatePersons(ctx, id, v as unknown as { persons: PersonUpdateInput[] }));
    case "add-person":
      return withForm("add-person", addPersonSchema, (v) => addPerson(ctx, id, v as unknown as PersonInput));
    case "profile":
      return withForm("profile", profileSchema, (v) => updateProfile(ctx, id, v as unknown as ProfileInput));
    case "remove-person":
      return withMessage("persons-list", () => removePerson(ctx, id, String(form.get("personId") ?? "")));
    case "regisseur":
      return withMessage("case-team", () => setRegisseur(ctx, id, String(form.get("regisseurId") ?? "")));
    case "add-involved":
      return withMessage("case-team", () => addInvolved(ctx, id, String(form.get("userId") ?? "")));
    case "remove-involved":
      return withMessage("case-team", () => removeInvolved(ctx, id, String(form.get("userId") ?? "")));
    case "reopen":
      return withForm("reopen", reopenSchema, (v) => reopenCase(ctx, id, v as unknown as CaseIntakeInput));
    default:
      throw new Response("Onbekende actie", { status: 400 });
  }
}

export default function HouseholdOverview() {
  const { summary: s, professionals, labels, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const [params] = useSearchParams();
  const resultFor = (name: string) => (reply?.form === name ? reply.result : undefined);
  const messageFor = (name: string) => (reply?.form === name ? reply.message : undefined);
  const personName = (name: string, i: number) => name || t.unnamed(i + 1);
  return (
    <div className="space-y-6">
      {params.get("nieuw") ? <SuccessNotice>{t.created}</SuccessNotice> : null}
      {params.get("opgeslagen") ? <SuccessNotice>{t.saved}</SuccessNotice> : null}
      {!s.canEdit ? <p className="hint">{t.readOnly}</p> : null}

      <section aria-labelledby="profile-heading" className="card space-y-2">
        <h2 id="profile-heading">{t.profile}</h2>
        <dl className="grid gap-x-4 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">{t.householdType}</dt>
          <dd>{s.profile ? labels.householdType[s.profile.householdType] : "—"}</dd>
          <dt className="font-semibold">{t.buurt}</dt>
          <dd>{s.buurtName}</dd>
          {s.profile?.address ? (
            <>
              <dt className="font-semibold">{t.address}</dt>
              <dd>{[s.profile.address, s.profile.postcode].filter(Boolean).join(", ")}</dd>
            </>
          ) : null}
          {s.profile?.phone ? (
            <>
              <dt className="font-semibold">{t.phone}</dt>
              <dd>{s.profile.phone}</dd>
            </>
          ) : null}
        </dl>
        {s.canEdit && s.profile ? <ProfileForm profile={{ ...s.profile, initials: s.initials }} labels={labels} lastResult={resultFor("profile")} /> : null}
      </section>

      <section aria-labelledby="persons-heading" className="card space-y-3">
        <h2 id="persons-heading">{t.persons}</h2>
        {messageFor("persons-list") ? (
          <p role="alert" className="alert alert-error">
            {messageFor("persons-list")}
          </p>
        ) : null}
        {s.persons.length === 0 ? (
          <p>{t.noPersons}</p>
        ) : (
          <div className="overflow-x-auto" {...scrollRegion(t.persons)}>
            <table className="table">
              <caption className="sr-only">{t.persons}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columns.name}</th>
                  <th scope="col">{t.columns.role}</th>
                  <th scope="col">{t.columns.gender}</th>
                  <th scope="col">{t.columns.birthYear}</th>
                  <th scope="col">{t.columns.dateOfBirth}</th>
                  <th scope="col">{t.columns.bsn}</th>
                  {s.canEdit && s.persons.length > 1 ? (
                    <th scope="col">
                      <span className="sr-only">{t.remove}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {s.persons.map((p, i) => (
                  <tr key={p.id}>
                    <td>{personName(p.name, i)}</td>
                    <td>{labels.role[p.role]}</td>
                    <td>{labels.gender[p.gender]}</td>
                    <td>{p.birthYear ?? "—"}</td>
                    <td>{p.dateOfBirth ? formatDate(p.dateOfBirth) : "—"}</td>
                    <td>{p.bsnMasked === "unreadable" ? t.bsnUnreadable : (p.bsnMasked ?? "—")}</td>
                    {s.canEdit && s.persons.length > 1 ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="personId" value={p.id} />
                          <button
                            type="submit"
                            name="intent"
                            value="remove-person"
                            className="btn btn-secondary"
                            aria-label={t.removePerson(personName(p.name, i))}
                          >
                            {t.remove}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {s.canEdit ? (
          <>
            <PersonsForm
              key={s.persons.map((p) => `${p.id}:${p.bsnMasked ?? ""}`).join()}
              persons={s.persons}
              labels={labels}
              lastResult={resultFor("persons")}
            />
            <AddPersonForm labels={labels} lastResult={resultFor("add-person")} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="intake-heading" className="card space-y-2">
        <h2 id="intake-heading">{t.intake}</h2>
        {s.currentCase ? (
          <dl className="grid gap-x-4 sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">{nl.caseworkHouseholds.intake.intakeOn.replace(" *", "")}</dt>
            <dd>{formatDate(s.currentCase.intakeOn)}</dd>
            <dt className="font-semibold">{nl.caseworkHouseholds.intake.entryRoute.replace(" *", "")}</dt>
            <dd>{labels.entryRoute[s.currentCase.entryRoute]}</dd>
            <dt className="font-semibold">{nl.caseworkHouseholds.intake.questionType.replace(" *", "")}</dt>
            <dd>{labels.questionType[s.currentCase.questionType]}</dd>
            <dt className="font-semibold">{nl.caseworkHouseholds.intake.legalBasis}</dt>
            <dd>{labels.legalBasis[s.currentCase.legalBasis]}</dd>
            {s.currentCase.question ? (
              <>
                <dt className="font-semibold">{nl.caseworkHouseholds.intake.question}</dt>
                <dd className="whitespace-pre-line">{s.currentCase.question}</dd>
              </>
            ) : null}
            {s.currentCase.intakeNotes ? (
              <>
                <dt className="font-semibold">{nl.caseworkHouseholds.intake.intakeNotes}</dt>
                <dd className="whitespace-pre-line">{s.currentCase.intakeNotes}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p>{t.noCase}</p>
        )}
      </section>

      {s.canEdit && s.status === "closed" ? <ReopenForm labels={labels} today={today} lastResult={resultFor("reopen")} /> : null}

      <section aria-labelledby="team-heading" className="card space-y-3">
        <h2 id="team-heading">{t.caseTeam}</h2>
        {messageFor("case-team") ? (
          <p role="alert" className="alert alert-error">
            {messageFor("case-team")}
          </p>
        ) : null}
        <p>
          <strong>{t.regisseur}:</strong> {s.regisseur?.name ?? "—"}
        </p>
        <h3>{t.involved}</h3>
        {s.involved.length === 0 ? (
          <p>{t.noInvolved}</p>
        ) : (
          <ul className="space-y-1">
            {s.involved.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2">
                <span>{i.name}</span>
                {s.canEdit && s.currentCase?.status === "open" ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={i.id} />
                    <button type="submit" name="intent" value="remove-involved" className="btn btn-secondary" aria-label={t.removeInvolved(i.name)}>
                      {t.remove}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {s.canEdit && s.currentCase?.status === "open" ? (
          <div className="flex flex-wrap gap-6">
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <div className="field mb-0">
                <label htmlFor="regisseurId">{t.setRegisseur}</label>
                <select id="regisseurId" name="regisseurId" className="input" defaultValue={s.regisseur?.id}>
                  {professionals.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
              <SubmitButton name="intent" value="regisseur" className="btn btn-secondary">
                {t.saveRegisseur}
              </SubmitButton>
            </Form>
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <div className="field mb-0">
                <label htmlFor="involved-userId">{t.addInvolved}</label>
                <select id="involved-userId" name="userId" className="input">
                  {professionals
                    .filter((p) => p.id !== s.regisseur?.id && !s.involved.some((i) => i.id === p.id))
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </select>
              </div>
              <SubmitButton name="intent" value="add-involved" className="btn btn-secondary">
                {t.add}
              </SubmitButton>
            </Form>
          </div>
        ) : null}
      </section>
    </div>
  );
}

type Labels = Record<"householdType" | "role" | "gender", Record<string, string>>;
const optionsOf = (l: Record<string, string>) => Object.entries(l).map(([value, label]) => ({ value, label }));

function ProfileForm(props: {
  profile: { householdType: string; address: string; postcode: string; phone: string; initials: string };
  labels: Labels;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useFormKit({ id: "profile", schema: profileSchema, lastResult: props.lastResult, defaultValue: props.profile });
  return (
    <details open={!!props.lastResult}>
      <summary className="cursor-pointer">{t.editProfile}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrors form={form} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField field={fields.householdType} label={t.householdType} options={optionsOf(props.labels.householdType)} />
          <TextField field={fields.initials} label={t.initials} />
          <TextField field={fields.address} label={t.address} autoComplete="off" />
          <TextField field={fields.postcode} label={t.postcode} autoComplete="off" />
          <TextField field={fields.phone} label={t.phone} type="tel" autoComplete="off" />
        </div>
        <SubmitButton name="intent" value="profile">
          {t.saveProfile}
        </SubmitButton>
      </Form>
    </details>
  );
}

function PersonsForm(props: {
  persons: { id: string; name: string; role: string; gender: string; birthYear: number | null; dateOfBirth: string | null; bsnMasked: string | null }[];
  labels: Labels;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useFormKit({
    id: "persons",
    schema: personsSchema,
    lastResult: props.lastResult,
    defaultValue: {
      persons: props.persons.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        gender: p.gender,
        birthYear: p.birthYear === null ? "" : String(p.birthYear),
        dateOfBirth: p.dateOfBirth ?? "",
      })),
    },
  });
  const list = (fields.persons as unknown as PersonList).getFieldList();
  return (
    <details open={!!props.lastResult}>
      <summary className="cursor-pointer">{t.editPersons}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-3">
        <FormErrors form={form} />
        {list.map((p, i) => {
          const f = p.getFieldset();
          const current = props.persons[i];
          return (
            <fieldset key={p.key} className="rounded border border-gray-300 p-3">
              <legend className="font-semibold">{current?.name || t.unnamed(i + 1)}</legend>
              <input type="hidden" name={f.id.name} value={String(f.id.initialValue ?? "")} />
              <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
                <TextField field={f.name} label={t.columns.name} autoComplete="off" />
                <SelectField field={f.role} label={t.columns.role} options={optionsOf(props.labels.role)} />
                <SelectField field={f.gender} label={t.columns.gender} options={optionsOf(props.labels.gender)} />
                <TextField field={f.birthYear} label={t.columns.birthYear} type="number" inputMode="numeric" />
                <TextField field={f.dateOfBirth} label={t.columns.dateOfBirth} type="date" />
                <TextField
                  field={f.bsn}
                  label={t.newBsn}
                  hint={current?.bsnMasked ? `${t.newBsnHint} (${current.bsnMasked})` : undefined}
                  inputMode="numeric"
                  autoComplete="off"
                />
              </div>
              {current?.bsnMasked ? <CheckboxField field={f.clearBsn} label={t.clearBsn} /> : null}
            </fieldset>
          );
        })}
        <SubmitButton name="intent" value="persons">
          {t.savePersons}
        </SubmitButton>
      </Form>
    </details>
  );
}

function AddPersonForm(props: { labels: Labels; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useFormKit({ id: "add-person", schema: addPersonSchema, lastResult: props.lastResult, defaultValue: { role: "child" } });
  return (
    <details open={!!props.lastResult}>
      <summary className="cursor-pointer">{t.addPerson}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrors form={form} />
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField field={fields.role} label={t.columns.role} options={optionsOf(props.labels.role)} />
          <TextField field={fields.name} label={t.columns.name} autoComplete="off" />
          <SelectField field={fields.gender} label={t.columns.gender} options={optionsOf(props.labels.gender)} placeholder={props.labels.gender.unknown} />
          <TextField field={fields.birthYear} label={t.columns.birthYear} type="number" inputMode="numeric" />
        </div>
        <SubmitButton name="intent" value="add-person">
          {t.add}
        </SubmitButton>
      </Form>
    </details>
  );
}

function ReopenForm(props: { labels: Record<"entryRoute" | "questionType", Record<string, string>>; today: string; lastResult?: SubmissionResult<string[]> }) {
  const i = nl.caseworkHouseholds.intake;
  const [form, fields] = useFormKit({
    id: "reopen",
    schema: reopenSchema,
    lastResult: props.lastResult,
    defaultValue: { intakeOn: props.today, entryRoute: "self", questionType: "multiple" },
  });
  return (
    <section aria-labelledby="reopen-heading" className="card max-w-3xl">
      <h2 id="reopen-heading">{t.reopenTitle}</h2>
      <p className="hint">{t.reopenIntro}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField field={fields.intakeOn} label={i.intakeOn} type="date" />
          <SelectField field={fields.entryRoute} label={i.entryRoute} options={optionsOf(props.labels.entryRoute)} />
          <SelectField field={fields.questionType} label={i.questionType} options={optionsOf(props.labels.questionType)} />
        </div>
        <TextAreaField field={fields.question} label={i.question} rows={3} />
        <SubmitButton name="intent" value="reopen">
          {t.reopen}
        </SubmitButton>
      </Form>
    </section>
  );
}
