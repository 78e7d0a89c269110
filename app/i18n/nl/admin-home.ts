export const adminHome = {
  intro: "Hier beheer je de inrichting van de sociale teams van de gemeente.",
  available: "Onderdelen",
  overview: "Het overzicht per team: buurten en bezetting.",
  teams: "Teams aanmaken, hernoemen en afsluiten.",
  buurten: "Welke buurt bij welk team hoort, met ingangsdatum en geschiedenis.",
  partners: "Partnerorganisaties met soort en financieringsvorm.",
  users: "Mensen, hun teams en rollen; accounts blokkeren, deblokkeren of deactiveren.",
  invitations: "Iemand uitnodigen met een rol; openstaande uitnodigingen intrekken.",
  audit: "Wie deed wat, wanneer en vanaf welk IP-adres; filteren en exporteren als CSV.",
  settings: "Verplichte tweestapsverificatie per rol en de time-out bij inactiviteit.",
  mailbox: "Alle e-mails die Wijkwerk verstuurt (wachtwoordherstel, uitnodigingen).",
};
