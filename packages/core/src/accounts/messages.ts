// Dutch e-mails and notices about accounts: password reset, invitations and a partner manager's proposals.
// User-facing Dutch words live in message files like this one; the use cases stay in English.
import type { InvitableRole } from "./invitations";

const roleLabels = {
  coordinator: "coördinator",
  member: "teamlid",
  volunteer: "vrijwilliger",
  admin: "functioneel beheerder",
  controller: "budgetcontroller",
  partner_manager: "partnermanager",
  researcher: "onderzoeker (Onderzoek & Statistiek)",
} as const satisfies Record<InvitableRole, string>;

export const accountMessages = {
  // Password reset (password-reset.ts)
  passwordResetMailSubject: "Nieuw wachtwoord instellen voor Wijkwerk",
  passwordResetMail: (name: string, link: string, minutes: number) =>
    `Beste ${name},\n\nJe hebt gevraagd om een nieuw wachtwoord. Stel het in via deze link (${minutes} minuten geldig, één keer te gebruiken):\n\n${link}\n\nHeb je dit niet gevraagd? Dan kun je dit bericht negeren; je wachtwoord blijft ongewijzigd.\n\nWijkwerk`,

  // Invitations (invitations.ts, packages/core/src/partners/partner-invitations.ts)
  roleLabels,
  /** `place`: the team's name, if any. */
  invitationMailSubject: (place: string | null) => `Uitnodiging voor Wijkwerk${place !== null ? ` – ${place}` : ""}`,
  invitationMail: (p: { inviter: string; role: InvitableRole; place: string | null; link: string; hasAccount: boolean; days: number }) => {
    const where = p.place ? ` bij ${p.place}` : "";
    const how = p.hasAccount ? "Log in met je bestaande account en accepteer de uitnodiging via deze link" : "Maak je account aan via deze link";
    return `Hallo,\n\n${p.inviter} nodigt je uit als ${roleLabels[p.role]}${where} in Wijkwerk.\n\n${how} (${p.days} dagen geldig, één keer te gebruiken, alleen voor dit e-mailadres):\n\n${p.link}\n\nVerwachtte je deze uitnodiging niet? Dan kun je dit bericht negeren.\n\nWijkwerk`;
  },

  // A partner manager's proposal (packages/core/src/partners/partner-invitations.ts)
  invitationProposed: (p: { proposer: string; partner: string | null; name: string | null; email: string; team: string }) =>
    `${p.proposer} van ${p.partner ?? "een partnerorganisatie"} stelt voor ${p.name ? `${p.name} (${p.email})` : p.email} als teamlid uit te nodigen voor ${p.team}. Bevestig of wijs af; pas na bevestiging krijgt deze persoon een uitnodiging.`,
  invitationProposedMailSubject: (team: string) => `Wijkwerk: uitnodiging voor ${team} wacht op je bevestiging`,
  proposalConfirmed: (coordinator: string, email: string, team: string) =>
    `${coordinator} heeft je voordracht van ${email} voor ${team} bevestigd. De uitnodiging is verstuurd.`,
  proposalConfirmedMailSubject: (team: string) => `Wijkwerk: voordracht voor ${team} bevestigd`,
  proposalDeclined: (coordinator: string, email: string, team: string, reason: string) =>
    `${coordinator} heeft je voordracht van ${email} voor ${team} afgewezen: "${reason}"`,
  proposalDeclinedMailSubject: (team: string) => `Wijkwerk: voordracht voor ${team} afgewezen`,
} as const;
