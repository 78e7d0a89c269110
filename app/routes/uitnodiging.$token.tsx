// The invitation link: a new person creates their account here; someone with
// an account signs in and accepts. Either way the invitation works once.
import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { createSession } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { optionalUser, requestMeta, requireUser } from "~/context.server";
import { acceptInvitation, previewInvitation } from "~/core/accounts.server";
import { isDomainError } from "~/core/common.server";
import { getDb } from "~/db.server";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { runForForm } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.acceptPage;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const createSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string({ required_error: t.nameRequired }).trim().min(2, t.nameRequired),
    discipline: z.string().trim().optional(),
    password: z.string({ required_error: nl.passwordReset.tooShort }).min(12, nl.passwordReset.tooShort),
    passwordRepeat: z.string({ required_error: nl.passwordReset.passwordsDiffer }),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ["passwordRepeat"], message: nl.passwordReset.passwordsDiffer });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  try {
    const invitation = await previewInvitation(db, params.token ?? "");
    const viewer = await optionalUser(request);
    return data({ invitation: { ...invitation, expiresAt: invitation.expiresAt.toISOString() }, viewerEmail: viewer?.user.email ?? null, error: null });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return data({ invitation: null, viewerEmail: null, error: domainErrorMessage(e.code) }, { status: e.status });
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const meta = requestMeta(request, context);
  const formData = await readFormData(request);
  if (formData.get("intent") === "accept") {
    const ctx = await requireUser(request, context as { ip?: string });
    const submission = parseSubmission(formData, { schema: z.object({ intent: z.literal("accept") }) });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const outcome = await runForForm(submission.reply, () => acceptInvitation(ctx.db, { kind: "existing", token, userId: ctx.user.id }, meta));
    if (!outcome.ok) return data(outcome.result, { status: outcome.status });
    return redirect(outcome.value.teamSlug ? `/t/${outcome.value.teamSlug}` : "/");
  }
  const submission = parseSubmission(formData, { schema: createSchema });
  const hidden = { hideFields: ["password", "passwordRepeat"] };
  if (submission.status !== "success") return data(submission.reply(hidden), { status: 400 });
  const { name, password, discipline } = submission.value;
  const db = await getDb();
  const outcome = await runForForm(submission.reply, () => acceptInvitation(db, { kind: "new", token, name, password, discipline }, meta), hidden);
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  const cookie = await createSession(outcome.value.userId, { mfaVerified: true, ...meta });
  return redirect(outcome.value.teamSlug ? `/t/${outcome.value.teamSlug}` : "/", { headers: { "Set-Cookie": cookie } });
}

export default function AcceptInvitation() {
  const { invitation, viewerEmail, error } = useLoaderData<typeof loader>();
  const { token } = useParams();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit", defaultValue: { name: invitation?.proposedName ?? "" } as Record<string, string> });
  if (!invitation) {
    return (
      <section className="mx-auto max-w-md space-y-4">
        <h1>{t.unusable}</h1>
        <p className="alert alert-error">{error}</p>
        <p>{t.askNew}</p>
        <p>
          <Link to="/inloggen">{t.toLogin}</Link>
        </p>
      </section>
    );
  }
  const place = invitation.teamName ?? invitation.partnerName;
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1>{t.title}</h1>
      <div className="card space-y-1">
        <p>{t.invitedAs(invitation.inviterName, nl.common.roles[invitation.role], place)}</p>
        <p>{t.forAddress(invitation.email)}</p>
        <p className="hint">
          {t.validUntil} {formatDate(invitation.expiresAt)}
        </p>
      </div>
      {invitation.hasAccount ? (
        viewerEmail?.toLowerCase() === invitation.email ? (
          <Form method="post" {...getFormProps(form)} className="card">
            <FormErrors form={form} />
            <p className="mb-4">{t.signedInAs(viewerEmail)}</p>
            <input type="hidden" name="intent" value="accept" />
            <SubmitButton pendingText={t.accepting}>{t.accept}</SubmitButton>
          </Form>
        ) : viewerEmail ? (
          <p className="alert alert-error">{t.wrongAccount(viewerEmail)}</p>
        ) : (
          <div className="card space-y-3">
            <p>{t.hasAccount}</p>
            <Link className="btn" to={`/inloggen?next=${encodeURIComponent(`/uitnodiging/${token}`)}`}>
              {t.loginToAccept}
            </Link>
          </div>
        )
      ) : (
        <Form method="post" {...getFormProps(form)} className="card">
          <h2>{t.createTitle}</h2>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.name} label={t.name} autoComplete="name" />
          <TextField field={fields.discipline} label={t.discipline} hint={t.disciplineHint} />
          <TextField field={fields.password} label={t.password} hint={t.passwordHint} type="password" autoComplete="new-password" />
          <TextField field={fields.passwordRepeat} label={t.passwordRepeat} type="password" autoComplete="new-password" />
          <SubmitButton pendingText={t.creating}>{t.create}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
