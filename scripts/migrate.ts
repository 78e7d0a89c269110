import { migrateDatabase, openDatabase } from "@wijkwerk/db";

const handle = await openDatabase();
await migrateDatabase(handle);
console.log(`Migraties uitgevoerd (${handle.kind}).`);
await handle.close();
