/** Staff accounts as Armos sees them: the user, and whether Armos deactivated it. */
import { z } from 'zod';
import { userSchema } from './auth';

export const staffUserSchema = userSchema
  .extend({
    deactivatedAt: z
      .string()
      .optional()
      .describe('Désactivé depuis (ISO 8601) : plus de connexion possible'),
  })
  .meta({ id: 'StaffUser' });

export type StaffUser = z.infer<typeof staffUserSchema>;
