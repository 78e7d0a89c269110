// One provider of the sociale kaart with its offers. Every professional, the
// functional admin and the controller read it; coordinators and the admin
// (the keepers) also edit it here: its details, archive or restore, and its
// offers. The action takes "update SocialMap": anyone else gets 404.
import { getFormProps } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SubmitButton, replyFor, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { OfferFields, ProviderFields, offerSchema, providerSchema, type Option } from "~/components/social-map";
import { requireMunicipalityContext } from "~/context.server";
import { addOffer, getProvider, setOfferArchived, setProviderArchived, updateOffer, updateProvider } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { NO_FIELDS, parseSubmission, readFormData, runForm } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";
import { offerValues, providerValues, socialMapOptions } from "~/lib/social-map.server";

const t = nl.socialMap;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "provider" in data ? data.provider.name : t.title} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "read", "SocialMap", context as { ip?: string });
  try {
    const [provider, options] = await Promise.all([getProvider(ctx, params.providerId ?? ""), socialMapOptions(ctx, { forKeeper: true })]);
    return { provider, options };
  } catch (error) {
    return toHttpError(error);
  }
}

const INTENTS = ["provider", "archive", "restore", "offer", "offer-archive", "offer-restore"] as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "update", "SocialMap", context as { ip?: string });
  const id = params.providerId ?? "";
  const form = await readFormData(request);
  const intent = z.enum(INTENTS).safeParse(form.get("intent"));
  if (!intent.success) throw new Response("Ongeldig verzoek", { status: 400 });
  const offerId = String(form.get("offerId") ?? "");
  const here = `/sociale-kaart/${id}`;
  switch (intent.data) {
    case "provider": {
      const r = await runForm(parseSubmission(form, { schema: providerSchema }), () => updateProvider(ctx, id, providerValues(form)), { form: "provider" });
      return r.ok ? redirect(`${here}?opgeslagen=1`) : r.response;
    }
    case "offer": {
      const name = offerId ? `offer-${offerId}` : "offer-new";
      const r = await runForm(
        parseSubmission(form, { schema: offerSchema }),
        async () => {
          if (offerId) await updateOffer(ctx, offerId, offerValues(form));
          else await addOffer(ctx, id, offerValues(form));
        },
        { form: name },
      );
      return r.ok ? redirect(`${here}?aanbod=1#aanbod`) : r.response;
    }
    default: {
      const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () =>
        intent.data === "archive" || intent.data === "restore"
          ? setProviderArchived(ctx, id, intent.data === "archive")
          : setOfferArchived(ctx, offerId, intent.data === "offer-archive"),
      );
      return r.ok ? redirect(`${here}?gedaan=${intent.data}`) : r.response;
    }
  }
}

export default function Provider() {
  const { provider: p, options } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const layerLabel = new Map(options.layers.map((o) => [o.value, o.label]));
  const domainLabel = new Map(options.domains.map((o) => [o.value, o.label]));
  const done = params.get("opgeslagen")
    ? t.saved
    : params.get("aanbod")
      ? t.offerSaved
      : params.get("gedaan") === "archive"
        ? t.archivedDone
        : params.get("gedaan") === "restore"
          ? t.restoredDone
          : null;
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to="/sociale-kaart">{t.back}</Link>
      </p>
      <h1>{p.name}</h1>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      {p.archived ? (
        <p className="alert" role="note">
          {t.archivedNotice}
        </p>
      ) : null}
      <section aria-labelledby="about-heading" className="card space-y-2">
        <h2 id="about-heading" className="sr-only">
          {t.description}
        </h2>
        <p>
          {p.kind} · {layerLabel.get(p.layer)} · {p.buurten.length ? t.servesBuurten(p.buurten.join(", ")) : t.wholeCity}
        </p>
        {p.description ? <p className="whitespace-pre-line">{p.description}</p> : null}
        {p.lifeDomains.length ? (
          <p>
            {t.lifeDomains}: {p.lifeDomains.map((d) => domainLabel.get(d)).join(", ")}
          </p>
        ) : null}
        {p.initiative ? <InitiativeLink initiative={p.initiative} /> : null}
      </section>
      <section aria-labelledby="contact-heading" className="card">
        <h2 id="contact-heading">{t.contact}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {p.address ? (
            <>
              <dt>{t.address}</dt>
              <dd>{p.address}</dd>
            </>
          ) : null}
          {p.phone ? (
            <>
              <dt>{t.phone}</dt>
              <dd>
                <a href={`tel:${p.phone.replace(/[^0-9+]/g, "")}`}>{p.phone}</a>
              </dd>
            </>
          ) : null}
          {p.email ? (
            <>
              <dt>{t.email}</dt>
              <dd>
                <a href={`mailto:${p.email}`}>{p.email}</a>
              </dd>
            </>
          ) : null}
          {p.website ? (
            <>
              <dt>{t.website}</dt>
              <dd>
                <a href={p.website} rel="noopener noreferrer" target="_blank">
                  {p.website}
                </a>
              </dd>
            </>
          ) : null}
          {p.hours ? (
            <>
              <dt>{t.hours}</dt>
              <dd className="whitespace-pre-line">{p.hours}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="aanbod" className="card space-y-2">
        <h2 id="aanbod">{t.offers}</h2>
        {p.offers.length === 0 ? <p>{t.noOffers}</p> : null}
        <ul className="space-y-3">
          {p.offers.map((o) => (
            <li key={o.id} className="space-y-1">
              <h3 className="text-base">
                {o.name} {o.archived ? <span className="badge">{t.archived}</span> : null}
              </h3>
              <p className="text-sm">
                {layerLabel.get(o.layer)}
                {o.lifeDomains.length ? ` · ${o.lifeDomains.map((d) => domainLabel.get(d)).join(", ")}` : ""}
              </p>
              {o.description ? <p>{o.description}</p> : null}
              {p.canKeep ? <OfferKeeper offer={o} layers={options.layers} domains={options.domains} /> : null}
            </li>
          ))}
        </ul>
        {p.canKeep ? <OfferForm name="offer-new" legend={t.addOffer} layers={options.layers} domains={options.domains} /> : null}
      </section>
      {p.canKeep ? <ProviderKeeper /> : <p className="text-sm">{t.keepers}</p>}
    </div>
  );
}

/** The buurtinitiatief this entry is, with whether it still runs (issue 19). */
function InitiativeLink({ initiative: i }: { initiative: { id: string; name: string; buurtName: string; endedOn: string | null } }) {
  return (
    <p>
      {t.initiative}: <Link to={`/initiatieven/${i.id}`}>{i.name}</Link> ({i.buurtName},{" "}
      {i.endedOn ? t.initiativeEnded(formatDate(i.endedOn)) : t.initiativeActive})
    </p>
  );
}

type Offer = { id: string; name: string; description: string; layer: string; lifeDomains: string[]; archived: boolean };

function OfferForm({ name, legend, offer, layers, domains }: { name: string; legend: string; offer?: Offer; layers: Option[]; domains: Option[] }) {
  const reply = replyFor(useActionData<typeof action>(), name);
  const [form, fields] = useFormKit({
    id: name,
    schema: offerSchema,
    lastResult: reply?.result,
    defaultValue: offer ? { name: offer.name, description: offer.description, layer: offer.layer, lifeDomains: offer.lifeDomains } : undefined,
  });
  return (
    <details className="field" open={Boolean(reply)}>
      <summary>{legend}</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="offer" />
        {offer ? <input type="hidden" name="offerId" value={offer.id} /> : null}
        <OfferFields fields={fields} layers={layers} domains={domains} />
        <SubmitButton name="intent" value="offer">
          {t.saveOffer}
        </SubmitButton>
      </Form>
    </details>
  );
}

function OfferKeeper({ offer, layers, domains }: { offer: Offer; layers: Option[]; domains: Option[] }) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      <OfferForm name={`offer-${offer.id}`} legend={t.editOffer(offer.name)} offer={offer} layers={layers} domains={domains} />
      <Form method="post">
        <input type="hidden" name="offerId" value={offer.id} />
        <SubmitButton name="intent" value={offer.archived ? "offer-restore" : "offer-archive"} className="btn btn-secondary">
          {offer.archived ? t.restoreOffer(offer.name) : t.archiveOffer(offer.name)}
        </SubmitButton>
      </Form>
    </div>
  );
}

function ProviderKeeper() {
  const { provider: p, options } = useLoaderData<typeof loader>();
  const reply = replyFor(useActionData<typeof action>(), "provider");
  const [form, fields] = useFormKit({
    id: "provider",
    schema: providerSchema,
    lastResult: reply?.result,
    defaultValue: {
      name: p.name,
      kind: p.kind,
      description: p.description,
      layer: p.layer,
      lifeDomains: p.lifeDomains,
      buurtIds: p.buurtIds,
      address: p.address,
      phone: p.phone,
      email: p.email,
      website: p.website,
      hours: p.hours,
      initiativeId: p.initiative?.id ?? "",
    },
  });
  return (
    <section aria-labelledby="edit-heading" className="card space-y-3">
      <h2 id="edit-heading">{t.edit}</h2>
      <details open={Boolean(reply)}>
        <summary>{t.edit}</summary>
        <Form method="post" {...getFormProps(form)} className="mt-2">
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="provider" />
          <ProviderFields fields={fields} {...options} />
          <SubmitButton name="intent" value="provider">
            {t.save}
          </SubmitButton>
        </Form>
      </details>
      <Form method="post">
        <SubmitButton name="intent" value={p.archived ? "restore" : "archive"} className="btn btn-secondary">
          {p.archived ? t.restore : t.archive}
        </SubmitButton>
      </Form>
    </section>
  );
}
