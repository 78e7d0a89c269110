// A new provider on the sociale kaart: coordinators and the functional admin
// (requireMunicipalityContext on "create SocialMap"; anyone else 404).
import { getFormProps } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton, useFormKit } from "~/components/form";
import { ProviderFields, providerSchema } from "~/components/social-map";
import { requireMunicipalityContext } from "~/context.server";
import { createProvider } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { parseSubmission, readFormData, runForm } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";
import { providerValues, socialMapOptions } from "~/lib/social-map.server";

const t = nl.socialMap;
export const meta: MetaFunction = () => [{ title: `${t.newTitle} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "create", "SocialMap", context as { ip?: string });
  return socialMapOptions(ctx, { forKeeper: true }).catch(toHttpError);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "create", "SocialMap", context as { ip?: string });
  const form = await readFormData(request);
  const result = await runForm(parseSubmission(form, { schema: providerSchema }), () => createProvider(ctx, providerValues(form)));
  if (!result.ok) return result.response;
  return redirect(`/sociale-kaart/${result.value.id}?opgeslagen=1`);
}

export default function NewProvider() {
  const options = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema: providerSchema, lastResult: reply?.result });
  return (
    <section aria-labelledby="new-heading" className="card max-w-2xl space-y-3">
      <p>
        <Link to="/sociale-kaart">{t.back}</Link>
      </p>
      <h1 id="new-heading">{t.newTitle}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <ProviderFields fields={fields} {...options} />
        <SubmitButton>{t.save}</SubmitButton>
      </Form>
    </section>
  );
}
