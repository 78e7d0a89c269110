export const adminHome = {
  intro: "Hier beheer je de inrichting van de sociale teams van de gemeente.",
  available: "Nu beschikbaar",
  mailbox: "De mailbox met alle e-mails die Wijkwerk verstuurt (wachtwoordherstel, later uitnodigingen).",
  overview: "Het overzicht per team: buurten en bezetting.",
};
