import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requestMeta } from "~/context.server";
import { checkResetToken, resetPassword } from "~/core/accounts.server";
import { isDomainError } from "~/core/common.server";
import { getDb } from "~/db.server";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { runForForm } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.passwordReset.resetTitle} – ${nl.common.appName}` }];

const schema = z
  .object({
    password: z.string({ required_error: nl.passwordReset.tooShort }).min(12, nl.passwordReset.tooShort),
    repeat: z.string({ required_error: nl.passwordReset.passwordsDiffer }),
  })
  .refine((v) => v.password === v.repeat, { message: nl.passwordReset.passwordsDiffer, path: ["repeat"] });

export async function loader({ params }: LoaderFunctionArgs) {
  try {
    await checkResetToken(await getDb(), params.token ?? "");
    return { problem: null };
  } catch (e) {
    if (isDomainError(e)) return data({ problem: domainErrorMessage(e.code) }, { status: e.status });
    throw e;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "repeat"] }), { status: 400 });
  const meta = requestMeta(request, context);
  const outcome = await runForForm(
    submission.reply,
    async () => resetPassword(await getDb(), { token: params.token ?? "", password: submission.value.password }, meta),
    { hideFields: ["password", "repeat"] },
  );
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect("/inloggen?reden=wachtwoord-gewijzigd");
}

export default function ResetPassword() {
  const { problem } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // Server-side validation only: with client validation a corrected field-level error did not resubmit (to investigate).
  const [form, fields] = useForm({ lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1>{nl.passwordReset.resetTitle}</h1>
      {problem ? (
        <>
          <p className="alert alert-error mt-4">{problem}</p>
          <p>
            <Link to="/wachtwoord-vergeten">{nl.passwordReset.requestNew}</Link>
          </p>
        </>
      ) : (
        <Form method="post" {...getFormProps(form)} className="card mt-4">
          <FormErrors form={form} />
          <TextField
            field={fields.password}
            label={nl.passwordReset.newPassword}
            type="password"
            autoComplete="new-password"
            hint={nl.passwordReset.newPasswordHint}
          />
          <TextField field={fields.repeat} label={nl.passwordReset.repeatPassword} type="password" autoComplete="new-password" />
          <SubmitButton>{nl.passwordReset.save}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
