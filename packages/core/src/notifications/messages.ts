// The Dutch frame of every notice's e-mail (greeting, link line, signature).
// User-facing text lives in message files; insertNotices stays in English.

export const noticeMail = {
  body: (name: string, text: string, linkLabel: string, url: string) => `Beste ${name},\n\n${text}\n\n${linkLabel}: ${url}\n\nWijkwerk`,
  spendLinkLabel: "Bekijk de aanvraag",
  messageLinkLabel: "Bekijk het bericht",
};
