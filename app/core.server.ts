// Route modules import use cases from here: a .server module never reaches
// the browser bundle (core pulls in argon2 and the database drivers).
export * from "@wijkwerk/core";
