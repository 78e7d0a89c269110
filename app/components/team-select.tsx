import { SelectField } from "./form";
import { nl } from "~/i18n/nl";
import type { ComponentProps } from "react";

/** A "Team" select over the teams the loader offers. */
export function TeamSelect({
  field,
  teams,
  label = nl.buurtenAdmin.team,
}: {
  field: ComponentProps<typeof SelectField>["field"];
  teams: { id: string; name: string }[];
  label?: string;
}) {
  return <SelectField field={field} label={label} options={teams.map((x) => ({ value: x.id, label: x.name }))} placeholder={nl.buurtenAdmin.chooseTeam} />;
}
