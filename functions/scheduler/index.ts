/** Lambda entry points of the scheduled jobs (EventBridge, see infra/lib/functions.ts). */
import { lazyHandler } from '../lib/bootstrap';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
import { cachedReferenceData } from '../lib/db/reference';
import { runAgentQueues, type AgentQueueReport } from './agent-queues';
import { runAnswerReminders, type AnswerReminderReport } from './answer-reminders';
import { runExpiry, type ExpiryReport } from './expiry';
import { runProposalDigests, type ProposalDigestReport } from './proposal-digests';
import { runSwapNudges, type SwapNudgeReport } from './swap-nudges';
import { runOptimiser, type OptimiserReport } from './optimiser';
import { planChainStore } from './plan-chains';
import { runPlanCheck, type PlanCheckReport } from './plan-check';
import { runReviewDeadlines, type ReviewDeadlineReport } from './review-deadlines';
import { runLessorDigests, type LessorDigestReport } from './lessor-digests';

export const expiryHandler = lazyHandler<unknown, ExpiryReport>(() => {
  const deps = { db: database(), appUrl: config().appUrl, sessionSecret: config().sessionSecret };
  return () => runExpiry(deps, new Date());
});

export const reviewDeadlinesHandler = lazyHandler<unknown, ReviewDeadlineReport>(() => {
  const db = database();
  const deps = { db, appUrl: config().appUrl, reference: cachedReferenceData(db) };
  return () => runReviewDeadlines(deps, new Date());
});

export const optimiserHandler = lazyHandler<unknown, OptimiserReport>(() => {
  const db = database();
  const reference = cachedReferenceData(db);
  const deps = { db, reference, chains: planChainStore(db, reference) };
  return () => runOptimiser(deps, new Date());
});

export const planCheckHandler = lazyHandler<unknown, PlanCheckReport>(() => {
  const db = database();
  const reference = cachedReferenceData(db);
  const deps = { db, reference, chains: planChainStore(db, reference) };
  return () => runPlanCheck(deps, new Date());
});

export const answerRemindersHandler = lazyHandler<unknown, AnswerReminderReport>(() => {
  const deps = { db: database(), appUrl: config().appUrl };
  return () => runAnswerReminders(deps, new Date());
});

export const proposalDigestsHandler = lazyHandler<unknown, ProposalDigestReport>(() => {
  const deps = { db: database(), appUrl: config().appUrl };
  return () => runProposalDigests(deps, new Date());
});

export const swapNudgesHandler = lazyHandler<unknown, SwapNudgeReport>(() => {
  const deps = { db: database(), appUrl: config().appUrl };
  return () => runSwapNudges(deps, new Date());
});

export const agentQueuesHandler = lazyHandler<unknown, AgentQueueReport>(() => {
  const deps = { db: database(), appUrl: config().appUrl };
  return () => runAgentQueues(deps, new Date());
});

export const lessorDigestsHandler = lazyHandler<unknown, LessorDigestReport>(() => {
  const db = database();
  const deps = { db, appUrl: config().appUrl, reference: cachedReferenceData(db) };
  return () => runLessorDigests(deps, new Date());
});
