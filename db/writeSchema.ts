// `npm run db:schema`: writes db/schema.sql, the schema the migrations produce, for review in diffs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchema } from './schema.ts';

writeFileSync(join(import.meta.dirname, 'schema.sql'), renderSchema());
console.log('wrote db/schema.sql');
