// Dutch notices and e-mails of the workgroups (membership, meetings, posts, proposals, digest) and the knowledge questions.
// User-facing Dutch words live in message files like this one; the use cases stay in English.
export const workgroupMessages = {
  /** A notice's text as its e-mail subject. */
  noticeMailSubject: (text: string) => `Wijkwerk: ${text}`,

  // Joining (workgroups.ts)
  joinRequested: (name: string, group: string) => `${name} vraagt om lid te worden van de werkgroep ${group}.`,
  joinRequestedMailSubject: (group: string) => `Wijkwerk: aanvraag lidmaatschap ${group}`,
  joinApproved: (group: string) => `Je bent toegelaten tot de werkgroep ${group}.`,
  joinDeclined: (group: string) => `Je aanvraag om lid te worden van de werkgroep ${group} is niet toegekend.`,

  // Membership (membership.ts)
  memberAdded: (facilitator: string, group: string) => `${facilitator} heeft je toegevoegd aan de werkgroep ${group}.`,
  memberRemoved: (facilitator: string, group: string) => `${facilitator} heeft je uit de werkgroep ${group} gehaald.`,
  madeFacilitator: (group: string) => `Je bent nu begeleider van de werkgroep ${group}.`,
  noLongerFacilitator: (group: string) => `Je bent geen begeleider meer van de werkgroep ${group}; je blijft lid.`,

  // Meetings (meetings.ts); `dueOn` already formatted (dd-mm-yyyy)
  actionItemAssigned: (facilitator: string, group: string, task: string, dueOn: string) =>
    `${facilitator} gaf je een actiepunt in de werkgroep ${group}: "${task}", uiterlijk ${dueOn}.`,
  actionItemMailSubject: (group: string) => `Wijkwerk: actiepunt in ${group}`,

  // Threads (posts.ts)
  mentioned: (author: string, group: string, title: string) => `${author} noemde je in de werkgroep ${group}: "${title}".`,
  mentionedMailSubject: (author: string, group: string) => `Wijkwerk: ${author} noemde je in ${group}`,
  newThread: (author: string, group: string, title: string) => `${author} begon een nieuwe draad in de werkgroep ${group}: "${title}".`,
  newThreadMailSubject: (group: string) => `Wijkwerk: nieuwe draad in ${group}`,

  // Proposals (proposals.ts); `closesOn` already formatted (dd-mm-yyyy)
  proposalOpened: (author: string, group: string, title: string, closesOn: string) =>
    `${author} legt de werkgroep ${group} een voorstel voor: "${title}". Reageer uiterlijk ${closesOn}.`,
  proposalMailSubject: (group: string) => `Wijkwerk: voorstel in ${group}`,
  proposalClosed: (facilitator: string, group: string, title: string, outcome: string) =>
    `${facilitator} heeft het voorstel "${title}" in ${group} afgesloten. Besluit: "${outcome}"`,
  decisionMailSubject: (group: string) => `Wijkwerk: besluit in ${group}`,

  // The digest (digest.ts); `periodStart` already formatted (dd-mm-yyyy). The mail, item and "more" line are rendered in SQL (sqlMessage).
  digestMailSubject: (frequency: "daily" | "weekly", periodStart: string) =>
    frequency === "daily"
      ? `Wijkwerk: je dagoverzicht van de werkgroepen (${periodStart})`
      : `Wijkwerk: je weekoverzicht van de werkgroepen (week van ${periodStart})`,
  digestFooter: (frequency: "daily" | "weekly", accountLink: string) =>
    `Je krijgt dit overzicht ${frequency === "daily" ? "elke ochtend" : "elke maandagochtend"}. Wijzig dit bij Mijn account: ${accountLink}`,
  digestItem: (text: string, link: string) => `- ${text}\n  ${link}`,
  /** The line after the listed items when there are more than can be listed ("" otherwise). */
  digestMore: (count: number, link: string) => `\n- … en nog ${count} meldingen: ${link}`,
  digestMail: (name: string, count: number, items: string, more: string, footer: string) =>
    `Beste ${name},\n\nNieuw in je werkgroepen sinds je vorige overzicht (${count}):\n\n${items}${more}\n\n${footer}\n\nWijkwerk`,

  // Knowledge questions (knowledge-questions.ts)
  questionAnswered: (author: string, title: string) => `${author} beantwoordde je vraag "${title}".`,
  questionAnsweredMailSubject: "Wijkwerk: nieuw antwoord op je vraag",
} as const;
