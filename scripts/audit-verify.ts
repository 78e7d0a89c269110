// Recomputes the audit log's hash chain (embedded database, or DATABASE_URL).
import { openDatabase } from "@wijkwerk/db";
import { verifyAuditChain } from "@wijkwerk/core/audit";

const handle = await openDatabase();
const { checked, breaks } = await verifyAuditChain(handle.db);
await handle.close();
if (breaks.length === 0) {
  console.log(`Auditketen intact: ${checked} gebeurtenissen gecontroleerd.`);
} else {
  for (const b of breaks) console.error(`Breuk bij gebeurtenis ${b.seq} (gemeente ${b.municipalityId}): ${b.reason}`);
  console.error(`Auditketen NIET intact: ${breaks.length} breuk(en) in ${checked} gebeurtenissen.`);
  process.exit(1);
}
