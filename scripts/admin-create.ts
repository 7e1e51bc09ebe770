/**
 * `npm run admin:create -- --email armos@exemple.re --role armos [--lessor SIDR]`: creates a staff
 * account directly in the table of a deployed stage (the first Armos account, which then creates
 * the others from the web app). Reads the same configuration as the functions: TABLE_NAME and
 * AWS_REGION (and AWS credentials) from the environment.
 */
import { parseArgs } from 'node:util';
import '../shared/schemas/zod-locale';
import { z } from 'zod';
import { createDatabase } from '../functions/lib/db/client';
import { auditPut } from '../functions/lib/db/audit';
import { transactWrite } from '../functions/lib/db/transact';
import { EmailAlreadyUsedError, newUser, userCreationItems } from '../functions/lib/db/users';
import { STAFF_ROLES, emailSchema } from '../shared/schemas/user';

const argsSchema = z.object({
  email: emailSchema,
  role: z.enum(STAFF_ROLES),
  lessor: z.string().min(1).optional(),
  table: z.string().min(1),
  region: z.string().min(1),
  endpoint: z.url().optional(),
});

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string' }, lessor: { type: 'string' } },
});
const parsed = argsSchema.safeParse({
  ...values,
  table: process.env.TABLE_NAME,
  region: process.env.AWS_REGION ?? 'eu-west-3',
  endpoint: process.env.DYNAMODB_ENDPOINT,
});
if (!parsed.success) {
  console.error(
    `Usage : TABLE_NAME=<table> npm run admin:create -- --email <adresse> --role ${STAFF_ROLES.join('|')} [--lessor <bailleur>]`,
  );
  console.error(
    parsed.error.issues.map((issue) => `  ${issue.path.join('.')} : ${issue.message}`).join('\n'),
  );
  process.exit(2);
}
const { email, role, lessor, table, region, endpoint } = parsed.data;
if ((role === 'lessor') !== (lessor !== undefined)) {
  console.error(
    '--lessor est obligatoire pour un agent de bailleur (role lessor), et seulement pour lui.',
  );
  process.exit(2);
}

const db = createDatabase({ tableName: table, region, endpoint });
const now = new Date();
const user = newUser({ email, role, ...(lessor ? { lessorId: lessor } : {}) }, now);
try {
  await transactWrite(
    db,
    [
      ...userCreationItems(db, user),
      auditPut(
        db,
        {
          actorId: 'admin-script',
          actorRole: 'operator',
          action: 'staff-created',
          subject: `user:${user.id}`,
          details: { role },
        },
        now,
      ),
    ],
    () => new EmailAlreadyUsedError(),
  );
  console.log(
    `Compte ${role} créé pour ${email} (id ${user.id}). La personne se connecte avec un lien reçu par e-mail.`,
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
