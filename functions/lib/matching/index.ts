/**
 * What can be done with a stored proposal, by name — the use cases the API's routes reach. Each
 * takes the part of the application context it reads, then the caller.
 */
import { MarketCache } from './market-cache';
import {
  answerMatch,
  listMatches,
  listMessages,
  matchSummary,
  postMessage,
  readMatch,
  reportVisit,
} from './service';
import { marketViewOf } from './widen';

export const Proposals = {
  list: listMatches,
  summary: matchSummary,
  read: readMatch,
  answer: answerMatch,
  reportVisit,
  messages: listMessages,
  postMessage,
  /** The API's own copy of the market, for the counts and "Ce qui élargirait vos propositions". */
  market: () => new MarketCache(),
  marketView: marketViewOf,
} as const;
