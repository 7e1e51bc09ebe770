/**
 * What can be done with a lessor's webhook endpoints, by name — the use cases the API's routes
 * reach. Each takes the part of the application context it reads, then who acts and the lessor.
 */
import { removeEndpoint } from './endpoints';
import { endpointDeliveries, lessorEndpoints, registerLessorEndpoint } from './lessor-endpoints';

export const Webhooks = {
  /** The secret that signs each delivery is returned this once. */
  register: registerLessorEndpoint,
  list: lessorEndpoints,
  remove: removeEndpoint,
  deliveries: endpointDeliveries,
} as const;
