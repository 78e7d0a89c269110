// The Dutch words of the workbudget's notices and e-mails (steps, card
// payments, evaluation reminders). User-facing text lives in message files;
// the use cases that send them stay in English.
import { formatMoney } from "../common";

const quoted = (comment: string) => (comment ? `: "${comment}"` : ".");

/** What a step asks of the next person, by notice kind; `extra` is the step's comment, or the evaluation date for "evaluate". */
export const stepNoticeText: Record<string, (reference: string, extra: string) => string> = {
  endorse: (ref) => `Aanvraag ${ref} is ingediend en wacht op onderschrijving door de coördinator.`,
  approve: (ref) => `Aanvraag ${ref} wacht op goedkeuring.`,
  second_approval: (ref) => `Aanvraag ${ref} ligt boven het drempelbedrag en wacht op een tweede goedkeuring.`,
  info_requested: (ref, extra) => `Er is meer informatie gevraagd over aanvraag ${ref}${quoted(extra)}`,
  approved: (ref) => `Aanvraag ${ref} is goedgekeurd.`,
  pay: (ref) => `Aanvraag ${ref} is goedgekeurd; de betaling kan worden vastgelegd.`,
  rejected: (ref, extra) => `Aanvraag ${ref} is afgewezen${quoted(extra)}`,
  paid: (ref) => `De betaling voor aanvraag ${ref} is vastgelegd.`,
  evaluate: (ref, extra) => `Aanvraag ${ref} is afgerekend. Evalueer het resultaat ${extra ? `vóór ${extra}` : "over enkele maanden"}.`,
};

/** A step notice's e-mail subject: its first sentence (up to the first full stop or colon). */
export const stepNoticeSubject = (text: string) => `Wijkwerk: ${text.split(/[.:]/)[0]}`;

export const cardPaidText = (amountCents: number, merchant: string | null, reference: string) =>
  `Met de teamkaart is ${formatMoney(amountCents)} betaald${merchant ? ` bij ${merchant}` : ""} voor aanvraag ${reference}.`;
export const cardPaidSubject = (reference: string) => `Wijkwerk: kaartbetaling voor aanvraag ${reference}`;

/** Why a card payment was declined, in the notice's words; only reasons the team can act on are told. */
export const cardDeclineReasons: Record<string, string> = {
  card_inactive: "de kaart is niet actief",
  currency_not_eur: "alleen betalingen in euro zijn mogelijk",
  over_authorization_cap: "het bedrag ligt boven het maximum per betaling van de kaart",
  over_monthly_cap: "het bedrag gaat boven het maandmaximum van de kaart",
  category_not_allowed: "dit soort winkel is niet toegestaan voor de kaart",
  category_blocked: "dit soort winkel is geblokkeerd voor de kaart",
  no_approved_spend: "er is geen goedgekeurde, nog niet betaalde aanvraag",
  spend_expired: "de goedgekeurde aanvraag is ouder dan 14 dagen",
  not_covered: "geen goedgekeurde aanvraag dekt dit bedrag",
  selected_not_covered: "de aanvraag die met 'Nu betalen' is gekozen, dekt dit bedrag niet",
  ambiguous: "meerdere aanvragen dekken dit bedrag: kies er één met 'Nu betalen'",
};
export const cardDeclinedText = (amountCents: number, merchant: string | null, reason: string) =>
  `Een betaling van ${formatMoney(amountCents)} met de teamkaart${merchant ? ` bij ${merchant}` : ""} is geweigerd: ${reason}.`;
export const cardDeclinedSubject = "Wijkwerk: kaartbetaling geweigerd";
export const cardLinkLabel = "Bekijk de teamkaart";

/** The evaluation reminders (first when due, second when overdue); dates as dd-mm-yyyy. */
export const evaluationReminder = {
  dueText: (ref: string, dueOn: string) =>
    `Het is tijd om aanvraag ${ref} te evalueren (gepland op ${dueOn}): is het probleem voorkomen, wat heeft het opgeleverd en was er toch een andere regeling?`,
  overdueText: (ref: string, dueOn: string) =>
    `De evaluatie van aanvraag ${ref} is te laat: die stond gepland op ${dueOn}. Vul de evaluatie zo snel mogelijk in.`,
  dueSubject: (ref: string) => `Wijkwerk: evalueer aanvraag ${ref}`,
  overdueSubject: (ref: string) => `Wijkwerk: evaluatie van aanvraag ${ref} is te laat`,
};

/** The resident pseudonym's field error (resident-ref.ts). */
export const residentRefMessages = {
  format: (prefix: string, example: string) =>
    `Vul het pseudoniem-kenmerk van het team in: ${prefix}- gevolgd door cijfers, bijvoorbeeld ${example}. Een naam of andere tekst is niet toegestaan.`,
};

/** Names as one phrase: "Kim", "Kim en Bas", "Kim, Bas en Noor". */
export const nameList = (names: string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} en ${names[names.length - 1]}`);
const named = (names: string[]) => (names.length ? ` (${nameList(names)})` : "");

/**
 * "What happens next" on a request (next-step.ts): who acts now, what they
 * will do, and how long it usually takes. B1 Dutch, "je" to the author.
 */
export const nextStepTexts = {
  who: {
    you: "Jij",
    author: (name: string) => name,
    coordinator: (names: string[]) => `De coördinator van het team${named(names)}`,
    controller: (names: string[]) => `De budgetcontroller van de gemeente${named(names)}`,
    secondController: (first: string | null) => `Een tweede budgetcontroller${first ? ` (niet ${first}, die keurde al goed)` : ""}`,
    teamAndController: (names: string[]) => `Het team, daarna de budgetcontroller${named(names)}`,
    nobody: "Niemand: de aanvraag is klaar",
  },
  what: {
    draftYou: "Vul de aanvraag aan en dien hem in. Pas daarna ziet de coördinator hem.",
    draftOther: (author: string) => `${author} vult de aanvraag aan en dient hem in. Pas daarna ziet de coördinator hem.`,
    submitted:
      "Leest de aanvraag. Daarna onderschrijft de coördinator hem, vraagt om meer informatie of wijst hem af met een reden. De budgetcontroller mag ook al beslissen.",
    endorsed: "Leest de aanvraag en keurt hem goed, vraagt om meer informatie of wijst hem af met een reden.",
    infoRequestedYou: (asker: string | null) =>
      `Beantwoord de vraag${asker ? ` van ${asker}` : ""} (zie het verloop hieronder). Pas de aanvraag aan of geef een reactie, en dien hem opnieuw in.`,
    infoRequestedOther: (author: string, asker: string | null) =>
      `${author} beantwoordt de vraag${asker ? ` van ${asker}` : ""}, past de aanvraag aan en dient hem opnieuw in.`,
    awaitingSecond: (threshold: string) => `Het bedrag is hoger dan ${threshold}. Daarom moet nog een tweede budgetcontroller goedkeuren.`,
    approved:
      "Het geld is gereserveerd. De budgetcontroller regelt de betaling en legt die vast. Heeft het team een teamkaart, dan kan het team er ook mee betalen.",
    paid: "Het team zet de bon of factuur bij de bijlagen. Daarna rekent de budgetcontroller af met het echte bedrag. Wat over is, gaat terug naar het budget.",
    settledYou: "Vertel wat de aanvraag heeft opgeleverd: is het probleem voorkomen?",
    settledOther: (author: string) => `${author} vertelt wat de aanvraag heeft opgeleverd: is het probleem voorkomen?`,
    evaluated: "De aanvraag is afgerond en geëvalueerd. Er hoeft niets meer te gebeuren.",
    rejected: "De aanvraag is afgewezen (de reden staat in het verloop). Verandert de situatie? Maak dan een nieuwe aanvraag.",
    cancelled: "De aanvraag is ingetrokken. Er hoeft niets meer te gebeuren.",
  },
  when: {
    measured: (days: number) => `Meestal binnen ${days === 1 ? "1 dag" : `${days} dagen`} (gemeten over het afgelopen jaar).`,
    norm: (days: number) => `Meestal binnen ${days === 1 ? "1 werkdag" : `${days} werkdagen`} (de afspraak in de gemeente).`,
    evaluationDue: (date: string) => `Vóór ${date}. Dat is de datum die het budget voor de evaluatie geeft.`,
    authorPace: "Dat hangt van de aanvrager af. Hoe sneller het antwoord er is, hoe sneller er een besluit is.",
    neededOn: (date: string) => `De aanvraag is nodig op ${date}.`,
  },
};
