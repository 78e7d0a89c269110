export * from "./abilities";
export * from "./to-sql";
export { ForbiddenError, subject } from "@casl/ability";
