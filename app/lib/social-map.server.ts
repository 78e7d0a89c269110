// What the sociale kaart's pages need besides the use case's answer: the
// choice lists with their Dutch labels (the browser bundle cannot import core)
// and the form values as the use cases read them.
import type { UseCaseContext } from "@wijkwerk/core/common";
import { ALL_ZRM_DOMAINS, KANTELING_LAYERS, kantelingLayerLabels, socialMapBuurten, zrmDomainLabels } from "~/core/casework.server";

export async function socialMapOptions(ctx: UseCaseContext) {
  return {
    layers: KANTELING_LAYERS.map((value) => ({ value, label: kantelingLayerLabels[value] })),
    domains: ALL_ZRM_DOMAINS.map((value) => ({ value, label: zrmDomainLabels[value] })),
    buurten: (await socialMapBuurten(ctx)).map((b) => ({ value: b.id, label: b.name })),
  };
}

/** A provider form's values as createProvider/updateProvider read them (lists from checkboxes, texts as typed). */
export function providerValues(form: FormData) {
  const text = (n: string) => String(form.get(n) ?? "");
  return {
    name: text("name"),
    kind: text("kind"),
    description: text("description"),
    layer: text("layer"),
    lifeDomains: form.getAll("lifeDomains").map(String),
    buurtIds: form.getAll("buurtIds").map(String),
    address: text("address"),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    hours: text("hours"),
  };
}

export function offerValues(form: FormData) {
  return {
    name: String(form.get("name") ?? ""),
    description: String(form.get("description") ?? ""),
    layer: String(form.get("layer") ?? ""),
    lifeDomains: form.getAll("lifeDomains").map(String),
  };
}
