// Route modules import the business case door through this .server module (Remix leaves it out of the browser bundle).
export * from "@wijkwerk/core/business-case";
