// The sociale kaart's form fields (new provider, edit provider, offers) and
// the client-side schemas: the browser checks what it can; the use case
// (packages/core/src/casework/social-map.ts) checks everything again.
import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";
import { CheckboxGroup } from "~/components/buurtservice";
import { SelectField, TextAreaField, TextField, anyText, requiredText } from "~/components/form";
import { nl } from "~/i18n/nl";

const t = nl.socialMap;

export type Option = { value: string; label: string };

export const providerSchema = z.object({
  name: requiredText(t.nameRequired, 2, 120),
  kind: requiredText(t.kindRequired, 2, 80),
  description: anyText,
  layer: z.string({ required_error: t.layerRequired }).min(1, t.layerRequired),
  lifeDomains: z.array(z.string()).optional(),
  buurtIds: z.array(z.string()).optional(),
  address: anyText,
  phone: anyText,
  email: anyText,
  website: anyText,
  hours: anyText,
  initiativeId: anyText,
});

export const offerSchema = z.object({
  offerId: anyText,
  name: requiredText(t.nameRequired, 2, 120),
  description: anyText,
  layer: z.string({ required_error: t.layerRequired }).min(1, t.layerRequired),
  lifeDomains: z.array(z.string()).optional(),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a conform form's fields
type Fields = Record<string, FieldMetadata<any, any, string[]>>;

export function ProviderFields({
  fields,
  layers,
  domains,
  buurten,
  initiatives,
}: {
  fields: Fields;
  layers: Option[];
  domains: Option[];
  buurten: Option[];
  initiatives: Option[];
}) {
  return (
    <>
      <TextField field={fields.name} label={t.name} autoComplete="organization" />
      <TextField field={fields.kind} label={t.kind} hint={t.kindHint} />
      <SelectField field={fields.layer} label={t.layer} options={layers} placeholder="—" />
      <TextAreaField field={fields.description} label={t.description} hint={t.descriptionHint} rows={4} />
      <CheckboxGroup field={fields.lifeDomains} legend={t.lifeDomains} options={domains} />
      <details className="field">
        <summary>{t.buurten}</summary>
        <p className="hint">{t.buurtenHint}</p>
        <CheckboxGroup field={fields.buurtIds} legend={t.buurten} options={buurten} />
      </details>
      <TextField field={fields.address} label={t.address} autoComplete="street-address" />
      <TextField field={fields.phone} label={t.phone} type="tel" hint={t.phoneHint} />
      <TextField field={fields.email} label={t.email} type="email" />
      <TextField field={fields.website} label={t.website} type="url" hint={t.websiteHint} />
      <TextAreaField field={fields.hours} label={t.hours} rows={2} />
      {initiatives.length ? (
        <SelectField field={fields.initiativeId} label={t.initiative} hint={t.initiativeHint} options={initiatives} placeholder={t.initiativeNone} />
      ) : null}
    </>
  );
}

export function OfferFields({ fields, layers, domains }: { fields: Fields; layers: Option[]; domains: Option[] }) {
  return (
    <>
      <TextField field={fields.name} label={t.offerName} />
      <SelectField field={fields.layer} label={t.layer} options={layers} placeholder="—" />
      <TextAreaField field={fields.description} label={t.offerDescription} rows={3} />
      <CheckboxGroup field={fields.lifeDomains} legend={t.lifeDomains} options={domains} />
    </>
  );
}
