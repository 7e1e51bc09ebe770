/**
 * What can be done with a swap, by name — the use cases the API's routes and the lessors' clients
 * reach. Each takes the part of the application context it reads, then the caller.
 */
import { exchangeFile } from './file';
import { listSwaps, readSwap } from './queries';
import {
  cancelSwapRequest,
  completeSwapRequest,
  confirmSwapRequest,
  requestSwap,
  reviewSwap,
} from './service';

export const Swaps = {
  /** A participant of a mutual proposal asks for the swap. */
  request: requestSwap,
  confirm: confirmSwapRequest,
  /** A lessor's decision on the household entering its dwelling. */
  review: reviewSwap,
  complete: completeSwapRequest,
  cancel: cancelSwapRequest,
  read: readSwap,
  list: listSwaps,
  /** The exchange file (PDF) lessors keep. */
  file: exchangeFile,
} as const;
