// Dutch texts of casework's privacy machinery (break-the-glass notices, the
// destruction log's record kinds). Kept apart from messages.ts so the slices
// of issue 15 do not edit the same file.

/** The coordinator's notice when a member opens a file by break-the-glass (no reason in it: it goes by e-mail too). */
export const breakGlassNotice = {
  text: (who: string, reference: string, until: string) =>
    `${who} heeft huishouden ${reference} geopend via noodtoegang (tot ${until}). De reden staat bij Inzage en AVG van het huishouden.`,
  subject: (reference: string) => `Noodtoegang tot huishouden ${reference}`,
  linkLabel: "Bekijk de inzage van het huishouden",
};

/** What the destruction log says was destroyed, per kind of record. */
export const destroyedRecordLabels: Record<string, string> = {
  household: "Huishouden",
  household_profile: "Gegevens huishouden (type, adres)",
  person: "Persoon",
  case: "Casus (intake, plan, afsluiting)",
  case_involved: "Betrokken professional",
  goal: "Doel",
  arrangement: "Arrangement",
  zrm_measurement: "ZRM-meting",
  referral: "Verwijzing",
  transfer: "Overdracht",
  access_grant: "Noodtoegang",
  read_log: "Regel van het inzagelog",
  spend_link: "Koppeling met een werkbudgetaanvraag",
};

export const destructionReasonLabels: Record<string, string> = {
  retention: "Bewaartermijn verstreken",
  erasure: "Gewist op verzoek (AVG art. 17)",
};
