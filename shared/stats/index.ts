/** Statistics for CINOR: facts of stored items, events of their changes, aggregates and rows. */
export * from './events';
export * from './facts';
export * from './indicators';
export * from './item';
export * from './masking';
export * from './period';
export * from './scopes';
export * from './publication';
export * from './suppression';
export * from './confidential';
