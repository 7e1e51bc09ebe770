/**
 * `npm run stats:rebuild`: recomputes CINOR's statistics from the listings, matches and swaps and
 * replaces the stored aggregates. Offline maintenance (a full-table Scan): pause the Stats stream
 * consumer first on AWS. Uses the usual configuration (TABLE_NAME, DYNAMODB_ENDPOINT locally…).
 */
import { bootstrap } from '../functions/lib/bootstrap';
import { database } from '../functions/lib/db/client';
import { rebuildStats } from '../functions/lib/stats/rebuild';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await bootstrap();
const report = await rebuildStats(database());
console.log(
  `Statistiques recalculées : ${report.sourceItems} éléments lus, ${report.aggregates} agrégats écrits, ${report.removed} supprimés, en ${(report.ms / 1000).toFixed(1)} s.`,
);
