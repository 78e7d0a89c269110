// One person: profile and active flag, lockout, team memberships and roles
// outside teams. Every form posts an intent; each runs one use case.
import { getCollectionProps, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionsColumnHeader, TableCard } from "~/components/data-table";
import { ConfirmForm, ConfirmSubmit } from "~/components/confirm";
import { CheckboxField, FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { TeamSelect } from "~/components/team-select";
import { requireMunicipalityContext } from "~/context.server";
import { SCOPE_ROLES, TEAM_ROLES } from "@wijkwerk/authz";
import {
  addMembership,
  endMembership,
  getMembershipHistory,
  getUser,
  type MembershipHistory,
  grantScopeRole,
  revokeScopeRole,
  unlockUser,
  updateMembership,
  updateUser,
} from "~/core/accounts.server";
import { listPartnerOptions, listTeamOptions } from "~/core/tenancy.server";
import { DISCIPLINES } from "~/core/partners.server";
import { DomainError } from "~/core/common.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { runForForm, runForMessage, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.usersAdmin;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? t.title} – ${nl.common.appName}` }];

const hoursField = z
  .string()
  .trim()
  .regex(/^(\d{1,2}([.,]\d)?)?$/, t.hoursInvalid)
  .optional();
const schemas = {
  profile: z.object({
    name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired),
    discipline: z.string().trim().optional(),
    partnerId: z.string().uuid().optional(),
    isActive: z.literal("on").optional(),
  }),
  "add-membership": z.object({
    teamId: z.string({ required_error: t.teamRequired }).uuid(t.teamRequired),
    role: z.enum(TEAM_ROLES, { errorMap: () => ({ message: t.roleRequired }) }),
    contractedHoursPerWeek: hoursField,
  }),
  "grant-role": z.object({ role: z.enum(SCOPE_ROLES, { errorMap: () => ({ message: t.roleRequired }) }), partnerId: z.string().uuid().optional() }),
};
/** Disciplines and secondment of one membership from a date (its own form per membership; the role and hours stay). */
const termsSchema = z
  .object({
    id: z.string().uuid(),
    disciplines: z.array(z.string().trim().min(1).max(60)).max(9, t.disciplinesTooMany).optional(),
    seconded: z.boolean().optional(),
    secondedTo: z.string().trim().max(200, t.secondedToTooLong).optional(),
    validFrom: z.string({ required_error: t.validFromRequired }).regex(/^\d{4}-\d{2}-\d{2}$/, t.validFromRequired),
  })
  .superRefine((v, issue) => {
    if (v.seconded && !v.secondedTo) issue.addIssue({ code: "custom", path: ["secondedTo"], message: nl.domainErrors.seconded_to_required });
  });
const rowSchemas = {
  "update-membership": z.object({ id: z.string(), role: z.enum(TEAM_ROLES), contractedHoursPerWeek: z.string().optional(), validFrom: z.string().optional() }),
  "remove-membership": z.object({ id: z.string(), endOn: z.string().optional() }),
  "revoke-role": z.object({ id: z.string() }),
  unlock: z.object({}),
};
type FormIntent = keyof typeof schemas;
type RowIntent = keyof typeof rowSchemas;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "User", context as { ip?: string });
  const [detail, teams, partners] = await Promise.all([getUser(ctx, params.userId ?? "").catch(toHttpError), listTeamOptions(ctx), listPartnerOptions(ctx)]);
  // Every period of every membership, for its history. A membership ended on its first day has no period: not_found, no history.
  const histories = await Promise.all(
    detail.memberships.map((m) =>
      getMembershipHistory(ctx, m.id).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === "not_found") return { id: m.id, periods: [] };
        return toHttpError(e);
      }),
    ),
  );
  const periods: Record<string, MembershipHistory["periods"]> = Object.fromEntries(histories.map((h) => [h.id, h.periods]));
  return { ...detail, periods, disciplines: [...DISCIPLINES] as string[], teams, partners, now: Date.now() };
}

type ActionData = { intent: string; result?: SubmissionResult<string[]>; rowId?: string; message?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "User", context as { ip?: string });
  const userId = params.userId ?? "";
  const formData = await readFormData(request);
  const intent = String(formData.get("intent"));
  const done = () => redirect(`/beheer/gebruikers/${userId}?gedaan=${intent}`);

  if (intent === "membership-terms") {
    const submission = parseSubmission(formData, { schema: termsSchema });
    const rowId = String(formData.get("id") ?? "");
    if (submission.status !== "success") return data<ActionData>({ intent, rowId, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    const outcome = await runForForm(submission.reply, () =>
      updateMembership(ctx, v.id, {
        disciplines: v.disciplines ?? [],
        seconded: v.seconded ?? false,
        secondedTo: v.seconded ? v.secondedTo : null,
        validFrom: v.validFrom,
      }),
    );
    if (!outcome.ok) return data<ActionData>({ intent, rowId, result: outcome.result }, { status: outcome.status });
    return done();
  }
  if (intent in schemas) {
    const submission = parseSubmission(formData, { schema: schemas[intent as FormIntent] });
    if (submission.status !== "success") return data<ActionData>({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value as Record<string, string | undefined>;
    const run = {
      profile: () => updateUser(ctx, userId, { name: v.name!, discipline: v.discipline, partnerId: v.partnerId ?? null, isActive: v.isActive === "on" }),
      "add-membership": () =>
        addMembership(ctx, userId, { teamId: v.teamId!, role: v.role as (typeof TEAM_ROLES)[number], contractedHoursPerWeek: v.contractedHoursPerWeek }),
      "grant-role": () => grantScopeRole(ctx, userId, { role: v.role as (typeof SCOPE_ROLES)[number], partnerId: v.partnerId }),
    }[intent as FormIntent];
    const outcome = await runForForm(submission.reply, run);
    if (!outcome.ok) return data<ActionData>({ intent, result: outcome.result }, { status: outcome.status });
    return done();
  }
  if (intent in rowSchemas) {
    const parsed = rowSchemas[intent as RowIntent].safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data<ActionData>({ intent, message: nl.domainErrors.invalid_input }, { status: 400 });
    const v = parsed.data as Record<string, string>;
    const run = {
      "update-membership": () =>
        updateMembership(ctx, v.id, {
          role: v.role as (typeof TEAM_ROLES)[number],
          contractedHoursPerWeek: v.contractedHoursPerWeek,
          validFrom: v.validFrom || undefined,
        }),
      "remove-membership": () => endMembership(ctx, v.id, { endOn: v.endOn || undefined }),
      "revoke-role": () => revokeScopeRole(ctx, v.id),
      unlock: () => unlockUser(ctx, userId),
    }[intent as RowIntent];
    const outcome = await runForMessage(run);
    if (!outcome.ok) return data<ActionData>({ intent, rowId: v.id, message: outcome.message }, { status: outcome.status });
    return done();
  }
  throw new Response("Onbekende actie", { status: 400 });
}

const formatDay = (iso: string) => iso.split("-").reverse().join("-");
const previousDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const teamRoleOptions = TEAM_ROLES.map((r) => ({ value: r, label: nl.common.roles[r] }));

export default function AdminUser() {
  const { user, memberships, periods, disciplines, roles, teams, partners, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(now));
  const resultFor = (intent: FormIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const [profile, profileFields] = useForm({
    id: "profile",
    lastResult: resultFor("profile"),
    shouldValidate: "onSubmit",
    defaultValue: { name: user.name, discipline: user.discipline ?? "", partnerId: user.partnerId ?? "", isActive: user.isActive ? "on" : undefined },
  });
  const [addForm, addFields] = useForm({ id: "add-membership", lastResult: resultFor("add-membership"), shouldValidate: "onSubmit" });
  const [grantForm, grantFields] = useForm({ id: "grant-role", lastResult: resultFor("grant-role"), shouldValidate: "onSubmit" });
  const done = params.get("gedaan");
  const locked = user.lockedUntil && new Date(user.lockedUntil).getTime() > now;
  const partnerOptions = partners.map((p) => ({ value: p.id, label: p.name }));
  return (
    <div className="space-y-6">
      <p>
        <Link to="/beheer/gebruikers">← {t.back}</Link>
      </p>
      <h1>{user.name}</h1>
      <p>
        {user.email} · {user.isActive ? t.active : t.inactive} · {t.mfa}: {user.totpEnabledAt ? t.yes : t.no}
      </p>
      {done && t.done[done] ? <SuccessNotice>{t.done[done]}</SuccessNotice> : null}
      {actionData?.message ? (
        <p role="alert" className="alert alert-error">
          {actionData.message}
        </p>
      ) : null}

      {locked ? (
        <section className="card space-y-2" aria-label={t.locked}>
          <p>{t.lockedUntil(formatDateTime(user.lockedUntil))}</p>
          <Form method="post">
            <ConfirmSubmit label={t.unlock} question={t.unlockQuestion} confirmLabel={t.unlock} name="intent" value="unlock" />
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="profile-title" className="card max-w-xl">
        <h2 id="profile-title">{t.profileTitle}</h2>
        <Form method="post" {...getFormProps(profile)}>
          <input type="hidden" name="intent" value="profile" />
          <FormErrors form={profile} />
          <TextField field={profileFields.name} label={t.name} />
          <TextField field={profileFields.discipline} label={t.discipline} />
          <SelectField field={profileFields.partnerId} label={t.partner} options={partnerOptions} placeholder={t.none} />
          <div className="field flex-row items-start gap-2">
            <input {...getInputProps(profileFields.isActive, { type: "checkbox" })} aria-describedby="isActive-hint" className="mt-1" />
            <div>
              <label htmlFor={profileFields.isActive.id}>{t.isActive}</label>
              <p id="isActive-hint" className="hint">
                {t.isActiveHint}
              </p>
            </div>
          </div>
          <SubmitButton>{t.save}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="memberships-title" className="space-y-3">
        <h2 id="memberships-title">{t.membershipsTitle}</h2>
        <TableCard caption={t.membershipsTitle} isEmpty={memberships.length === 0} empty={t.noMemberships}>
          <thead>
            <tr>
              <th scope="col">{t.team}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.hours}</th>
              <th scope="col">{t.period}</th>
              <ActionsColumnHeader />
            </tr>
          </thead>
          <tbody>
            {memberships.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.teamName}</th>
                <td>
                  <select name="role" form={`m-${m.id}`} defaultValue={m.role} className="input" aria-label={`${t.role} ${m.teamName}`}>
                    {teamRoleOptions.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name="contractedHoursPerWeek"
                    form={`m-${m.id}`}
                    defaultValue={m.contractedHoursPerWeek?.replace(".", ",") ?? ""}
                    inputMode="decimal"
                    className="input w-24"
                    aria-label={`${t.hours} ${m.teamName}`}
                  />
                </td>
                <td>
                  <span className="block">{t.periodText(formatDay(m.validFrom), m.validTo ? formatDay(previousDay(m.validTo)) : null)}</span>
                  {m.disciplines.length ? <span className="block text-sm">{`${t.disciplines}: ${m.disciplines.join(", ")}`}</span> : null}
                  {m.secondedTo ? <span className="block text-sm">{`${t.seconded}: ${m.secondedTo}`}</span> : null}
                </td>
                <td className="flex flex-wrap gap-2">
                  {m.active ? (
                    <>
                      <Form method="post" id={`m-${m.id}`} className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="id" value={m.id} />
                        <label className="text-sm">
                          {t.validFrom}
                          <input type="date" name="validFrom" defaultValue={today} className="input block" />
                        </label>
                        <SubmitButton name="intent" value="update-membership" className="btn btn-secondary">
                          <span aria-hidden="true">{t.change}</span>
                          <span className="sr-only">{t.changeLabel(m.teamName)}</span>
                        </SubmitButton>
                      </Form>
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="id" value={m.id} />
                        <label className="text-sm">
                          {t.endOn}
                          <input
                            type="date"
                            name="endOn"
                            defaultValue={today}
                            min={m.validFrom}
                            className="input block"
                            aria-label={`${t.endOn} (${m.teamName})`}
                          />
                        </label>
                        <ConfirmSubmit
                          label={t.remove}
                          accessibleLabel={t.removeLabel(m.teamName)}
                          question={t.removeQuestion(m.teamName)}
                          confirmLabel={t.remove}
                          name="intent"
                          value="remove-membership"
                          danger
                        />
                      </Form>
                    </>
                  ) : (
                    <span>{t.ended}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableCard>
        {memberships.map((m) => (
          <MembershipTerms
            key={m.id}
            membership={m}
            periods={periods[m.id] ?? []}
            disciplines={disciplines}
            ownDiscipline={user.discipline}
            today={today}
            lastResult={actionData?.intent === "membership-terms" && actionData.rowId === m.id ? actionData.result : undefined}
          />
        ))}
        <div className="card max-w-xl">
          <h3>{t.addMembership}</h3>
          <Form method="post" {...getFormProps(addForm)}>
            <input type="hidden" name="intent" value="add-membership" />
            <FormErrors form={addForm} />
            <TeamSelect field={addFields.teamId} teams={teams} label={t.team} />
            <SelectField field={addFields.role} label={t.role} options={teamRoleOptions} placeholder={t.chooseRole} />
            <TextField field={addFields.contractedHoursPerWeek} label={t.hours} hint={t.hoursHint} inputMode="numeric" />
            <SubmitButton>{t.add}</SubmitButton>
          </Form>
        </div>
      </section>

      <section aria-labelledby="roles-title" className="space-y-3">
        <h2 id="roles-title">{t.scopeRolesTitle}</h2>
        {roles.length === 0 ? (
          <p className="card">{t.noScopeRoles}</p>
        ) : (
          <ul className="card space-y-2">
            {roles.map((r) => {
              const label = `${nl.common.roles[r.role]}${r.partnerName ? ` (${r.partnerName})` : ""}`;
              return (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2">
                  <span>{label}</span>
                  <ConfirmForm
                    hidden={{ id: r.id }}
                    label={t.revoke}
                    accessibleLabel={t.revokeLabel(label)}
                    question={t.revokeQuestion(label)}
                    confirmLabel={t.revoke}
                    name="intent"
                    value="revoke-role"
                    danger
                  />
                </li>
              );
            })}
          </ul>
        )}
        <div className="card max-w-xl">
          <h3>{t.grantRole}</h3>
          <Form method="post" {...getFormProps(grantForm)}>
            <input type="hidden" name="intent" value="grant-role" />
            <FormErrors form={grantForm} />
            <SelectField
              field={grantFields.role}
              label={t.role}
              options={SCOPE_ROLES.map((r) => ({ value: r, label: nl.common.roles[r] }))}
              placeholder={t.chooseRole}
            />
            <SelectField field={grantFields.partnerId} label={t.partnerForManager} options={partnerOptions} placeholder={t.none} />
            <SubmitButton>{t.grant}</SubmitButton>
          </Form>
        </div>
      </section>
    </div>
  );
}

type Period = MembershipHistory["periods"][number];

/**
 * One membership's history (every period of its terms, oldest first) and the
 * form that changes its disciplines and secondment from a date.
 */
function MembershipTerms({
  membership: m,
  periods,
  disciplines,
  ownDiscipline,
  today,
  lastResult,
}: {
  membership: { id: string; teamName: string; validTo: string | null };
  periods: Period[];
  disciplines: string[];
  ownDiscipline: string | null;
  today: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const current = periods.find((p) => p.validFrom <= today && (p.validTo === null || p.validTo > today)) ?? periods.at(-1);
  const [form, fields] = useForm({
    id: `terms-${m.id}`,
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      id: m.id,
      disciplines: current?.disciplines ?? [],
      seconded: current?.seconded ? "on" : undefined,
      secondedTo: current?.secondedTo ?? "",
      validFrom: today,
    },
  });
  // The known disciplines, and any other one this membership already has.
  const options = [...disciplines, ...(current?.disciplines ?? []).filter((d) => !disciplines.includes(d))];
  const open = m.validTo === null || m.validTo > today;
  return (
    <details className="card" open={lastResult ? true : undefined}>
      <summary className="cursor-pointer font-semibold">{t.historyTitle(m.teamName)}</summary>
      <div className="mt-3 space-y-4">
        {periods.length === 0 ? (
          <p>{t.noPeriods}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table">
              <caption className="sr-only">{t.historyCaption(m.teamName)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.from}</th>
                  <th scope="col">{t.until}</th>
                  <th scope="col">{t.role}</th>
                  <th scope="col">{t.hours}</th>
                  <th scope="col">{t.disciplines}</th>
                  <th scope="col">{t.secondment}</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.validFrom}>
                    <td>{formatDay(p.validFrom)}</td>
                    <td>{p.validTo ? formatDay(previousDay(p.validTo)) : t.open}</td>
                    <td>{nl.common.roles[p.role]}</td>
                    <td>{p.contractedHoursPerWeek?.replace(".", ",") ?? "–"}</td>
                    <td>{p.disciplines.length ? p.disciplines.join(", ") : ownDiscipline ? t.ownDiscipline(ownDiscipline) : "–"}</td>
                    <td>{p.seconded ? t.secondedYes(p.secondedTo ?? "") : t.secondedNo}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open ? (
          <Form method="post" {...getFormProps(form)} className="max-w-xl">
            <h3>{t.termsTitle}</h3>
            <input type="hidden" name="intent" value="membership-terms" />
            <input type="hidden" name="id" value={m.id} />
            <FormErrors form={form} labels={{ disciplines: t.disciplines, secondedTo: t.secondedTo, validFrom: t.validFrom }} />
            <fieldset
              className="field"
              id={fields.disciplines.id}
              aria-describedby={fields.disciplines.errors?.length ? fields.disciplines.errorId : undefined}
            >
              <legend>{t.disciplines}</legend>
              <p className="hint">{t.disciplinesHint}</p>
              {getCollectionProps(fields.disciplines, { type: "checkbox", options, ariaAttributes: false }).map((props) => (
                <div key={props.key} className="flex items-center gap-2">
                  <input {...props} key={props.key} />
                  <label htmlFor={props.id}>{props.value}</label>
                </div>
              ))}
              {fields.disciplines.errors?.length ? (
                <p id={fields.disciplines.errorId} className="field-error">
                  {fields.disciplines.errors.join(" ")}
                </p>
              ) : null}
            </fieldset>
            <CheckboxField field={fields.seconded} label={t.secondedCheck} />
            <TextField field={fields.secondedTo} label={t.secondedTo} hint={t.secondedToHint} />
            <TextField field={fields.validFrom} label={t.validFrom} type="date" />
            <SubmitButton>{t.termsSave}</SubmitButton>
          </Form>
        ) : null}
      </div>
    </details>
  );
}
