// The request gate's refusals (app/lib/request-gate.server.ts): short pages
// (JSON under /api/) for requests refused before the app reads them.
export const gate = {
  title: "Verzoek geweigerd",
  toHome: "Naar de startpagina",
  code: (status: number) => `Foutcode ${status}`,
  messages: {
    body_too_large: "Het formulier is te groot om te verwerken. Maak de tekst korter en probeer het opnieuw.",
    upload_too_large: "Het bestand is te groot: een bijlage mag hoogstens 5 MB zijn. Ga terug en kies een kleiner bestand.",
    api_body_too_large: "Het verzoek is te groot (maximaal 64 KB).",
    webhook_body_too_large: "Het bericht is te groot.",
    too_many_fields: "Het formulier bevat te veel velden.",
    invalid_field_name: "Het formulier bevat een ongeldige veldnaam.",
    malformed_body: "Het formulier kon niet worden gelezen. Probeer het opnieuw.",
    query_too_large: "Het webadres is te lang of bevat te veel parameters.",
    invalid_query: "Het webadres bevat een ongeldige parameter.",
    cross_origin: "Dit verzoek kwam niet van een pagina van Wijkwerk zelf en is daarom geweigerd. Open Wijkwerk opnieuw en probeer het nog eens.",
  },
} as const;
