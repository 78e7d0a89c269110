import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, TextField, useFormKit } from "~/components/form";
import { requestMeta } from "~/context.server";
import { requestPasswordReset } from "~/core/accounts.server";
import { getDb } from "~/db.server";
import { nl } from "~/i18n/nl";
import { appBaseUrl } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.passwordReset.forgotTitle} – ${nl.common.appName}` }];

const schema = z.object({ email: z.string({ required_error: nl.auth.emailRequired }).trim().email(nl.auth.emailInvalid) });

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const baseUrl = appBaseUrl(request);
  await requestPasswordReset(await getDb(), { email: submission.value.email, baseUrl }, requestMeta(request, context));
  return redirect("/wachtwoord-vergeten?verstuurd=1");
}

export default function ForgotPassword() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useFormKit({ schema, lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1>{nl.passwordReset.forgotTitle}</h1>
      {params.get("verstuurd") ? (
        <p role="status" className="alert alert-success mt-4">
          {nl.passwordReset.sent}
        </p>
      ) : (
        <>
          <p className="mt-2 mb-4">{nl.passwordReset.forgotIntro}</p>
          <Form method="post" {...getFormProps(form)} className="card">
            <FormErrors form={form} />
            <TextField field={fields.email} label={nl.auth.email} type="email" autoComplete="username" />
            <SubmitButton pendingText={nl.passwordReset.sending}>{nl.passwordReset.send}</SubmitButton>
          </Form>
        </>
      )}
      <p className="mt-4">
        <Link to="/inloggen">{nl.passwordReset.backToLogin}</Link>
      </p>
    </section>
  );
}
