import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { markSessionMfaVerified, readSession } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField, useFormKit } from "~/components/form";
import { requestMeta } from "~/context.server";
import { loadSecuritySettings, verifySecondFactor } from "~/core/accounts.server";
import { getDb } from "~/db.server";
import { nl } from "~/i18n/nl";
import { runForForm } from "~/lib/http.server";
import { safeNextPath } from "~/lib/safe-redirect";
import { parseSubmission, readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.account.secondStepTitle} – ${nl.common.appName}` }];

const schema = z.object({ code: z.string({ required_error: nl.account.codeRequired }).trim().min(6, nl.account.codeRequired), next: z.string().optional() });

/** Only a session that passed the password and still owes its second factor may be here. */
async function pendingSession(request: Request) {
  const db = await getDb();
  const current = await readSession(request, async (m) => (await loadSecuritySettings(db, m)).idleTimeoutMinutes);
  if (!current || current.expired) throw redirect("/inloggen");
  if (current.session.mfaVerified || !current.user.totpEnabledAt) throw redirect("/");
  return { db, ...current };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await pendingSession(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, session, user } = await pendingSession(request);
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["code"] }), { status: 400 });
  const meta = requestMeta(request, context);
  const outcome = await runForForm(submission.reply, () => verifySecondFactor(db, user.id, submission.value, meta), { hideFields: ["code"] });
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  await markSessionMfaVerified(session.id);
  return redirect(safeNextPath(submission.value.next));
}

export default function SecondStep() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useFormKit({ schema, lastResult });
  return (
    <section className="mx-auto max-w-md">
      <h1>{nl.account.secondStepTitle}</h1>
      <p className="mt-2 mb-4">{nl.account.secondStepIntro}</p>
      <Form method="post" {...getFormProps(form)} className="card">
        <FormErrors form={form} />
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <TextField field={fields.code} label={nl.account.secondStepCode} autoComplete="one-time-code" />
        <SubmitButton pendingText={nl.account.verifying}>{nl.account.verify}</SubmitButton>
      </Form>
      <Form method="post" action="/uitloggen" className="mt-4">
        <button type="submit" className="btn btn-secondary">
          {nl.account.cancelLogin}
        </button>
      </Form>
    </section>
  );
}
