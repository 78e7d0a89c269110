// Route modules import the tasks door through this .server module, which Remix
// leaves out of the browser bundle (the door reaches the database driver).
export * from "@wijkwerk/core/tasks";
