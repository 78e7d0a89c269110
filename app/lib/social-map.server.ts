// What the sociale kaart's pages need besides the use case's answer: the
// choice lists with their Dutch labels (the browser bundle cannot import core)
// and the form values as the use cases read them.
import type { UseCaseContext } from "@wijkwerk/core/common";
import { ALL_ZRM_DOMAINS, KANTELING_LAYERS, canKeepSocialMap, kantelingLayerLabels, socialMapBuurten, zrmDomainLabels } from "~/core/casework.server";
import { listInitiatives } from "~/core/neighbourhood.server";
import { nl } from "~/i18n/nl";

/** The choice lists; with `forKeeper`, for a keeper also the buurtinitiatieven an entry can be (issue 19). */
export async function socialMapOptions(ctx: UseCaseContext, opts: { forKeeper?: boolean } = {}) {
  const initiatives = opts.forKeeper && canKeepSocialMap(ctx) ? await listInitiatives(ctx) : [];
  return {
    layers: KANTELING_LAYERS.map((value) => ({ value, label: kantelingLayerLabels[value] })),
    domains: ALL_ZRM_DOMAINS.map((value) => ({ value, label: zrmDomainLabels[value] })),
    buurten: (await socialMapBuurten(ctx)).map((b) => ({ value: b.id, label: b.name })),
    initiatives: initiatives.map((i) => ({ value: i.id, label: nl.socialMap.initiativeOption(i.name, i.buurtName, !!i.endedOn) })),
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
    initiativeId: text("initiativeId"),
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
