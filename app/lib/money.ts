// Money is written and read in one module, shared with core's e-mails and CSV files.
export { centsToEuroInput, parseEuroToCents } from "@wijkwerk/core/money";
