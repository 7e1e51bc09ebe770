/**
 * zod's built-in messages in French, for every schema of the product. Imported once by each
 * entry point (API, web) before any validation runs.
 */
import { z } from 'zod';

z.config(z.locales.fr());
