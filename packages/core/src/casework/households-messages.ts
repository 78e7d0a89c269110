// Dutch texts that the households slice composes itself (a field error that
// names another team); fixed texts per error code live in app/i18n/nl/common.ts.
import { formatDate } from "../common";

export const householdMessages = {
  /** The buurt is another team's on the intake date: say whose, never file it silently elsewhere. */
  buurtOfOtherTeam: (buurt: string, team: string, day: string) =>
    `${buurt} hoort op ${formatDate(day)} bij team ${team}. Laat de intake daar doen, of vraag een overdracht aan.`,
  buurtWithoutTeam: (buurt: string, day: string) => `${buurt} hoort op ${formatDate(day)} bij geen enkel sociaal team.`,
};
