export * from "@wijkwerk/core/jobs";
