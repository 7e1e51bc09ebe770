/**
 * The values a stored proposal's status and a participant's answer take: shared by the lifecycle,
 * the schemas and the web pages without bringing zod along.
 */
export const MATCH_STATUSES = [
  'proposed',
  'mutual',
  'declined',
  'engaged',
  'closed',
  'suspended',
] as const;

export const INTERESTS = ['pending', 'yes', 'no'] as const;
