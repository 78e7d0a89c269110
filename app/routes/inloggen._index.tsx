import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { withSummary } from "~/lib/form-reply";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { checkPasswordLogin } from "~/core/accounts.server";
import { z } from "zod";
import { createSession } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requestMeta } from "~/context.server";
import { getDb } from "~/db.server";
import { nl } from "~/i18n/nl";
import { safeNextPath } from "~/lib/safe-redirect";
import { runForForm } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.auth.loginTitle} – ${nl.common.appName}` }];

const schema = z.object({
  email: z.string({ required_error: nl.auth.emailRequired }).trim().email(nl.auth.emailInvalid),
  password: z.string({ required_error: nl.auth.passwordRequired }),
  next: z.string().optional(),
});

export async function loader(_: LoaderFunctionArgs) {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseSubmission(formData, { schema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const meta = requestMeta(request, context);
  const db = await getDb();
  const outcome = await runForForm(submission.reply, () => checkPasswordLogin(db, submission.value, meta), { hideFields: ["password"] });
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  const login = outcome.value;
  const cookie = await createSession(login.userId, { mfaVerified: !login.mfaEnabled, ...meta });
  const next = safeNextPath(submission.value.next);
  const target = login.mfaEnabled ? `/inloggen/tweede-stap${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}` : next;
  return redirect(target, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => withSummary(parseWithZod(formData, { schema })),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const reason = params.get("reden");
  return (
    <section className="mx-auto max-w-md">
      <h1>{nl.auth.loginTitle}</h1>
      <p className="mt-2 mb-4">{nl.auth.loginIntro}</p>
      {reason === "verlopen" ? <p className="alert alert-info">{nl.auth.sessionExpired}</p> : null}
      {reason === "uitgelogd" ? <p className="alert alert-success">{nl.auth.loggedOut}</p> : null}
      {reason === "wachtwoord-gewijzigd" ? <p className="alert alert-success">{nl.passwordReset.done}</p> : null}
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors form={form} />
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <TextField field={fields.email} label={nl.auth.email} type="email" autoComplete="username" />
        <TextField field={fields.password} label={nl.auth.password} type="password" autoComplete="current-password" />
        <SubmitButton pendingText={nl.auth.loggingIn}>{nl.auth.submitLogin}</SubmitButton>
        <p className="mt-4">
          <Link to="/wachtwoord-vergeten">{nl.auth.forgotPassword}</Link>
        </p>
      </Form>
    </section>
  );
}
