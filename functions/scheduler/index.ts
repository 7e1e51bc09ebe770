/** Lambda entry points of the scheduled jobs (EventBridge, see infra/lib/functions.ts). */
import { lazyHandler } from '../lib/bootstrap';
import { appContext } from '../lib/app-context';
import { config } from '../lib/config';
import { database } from '../lib/db/client';
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

const context = () => appContext(config(), database());

/** The plan and its hourly check also take the open vacancies' chains. */
function planContext() {
  const { db, reference } = context();
  return { db, reference, chains: planChainStore(db, reference) };
}

export const expiryHandler = lazyHandler<unknown, ExpiryReport>(() => {
  const deps = context();
  return () => runExpiry(deps, new Date());
});

export const reviewDeadlinesHandler = lazyHandler<unknown, ReviewDeadlineReport>(() => {
  const deps = context();
  return () => runReviewDeadlines(deps, new Date());
});

export const optimiserHandler = lazyHandler<unknown, OptimiserReport>(() => {
  const deps = planContext();
  return () => runOptimiser(deps, new Date());
});

export const planCheckHandler = lazyHandler<unknown, PlanCheckReport>(() => {
  const deps = planContext();
  return () => runPlanCheck(deps, new Date());
});

export const answerRemindersHandler = lazyHandler<unknown, AnswerReminderReport>(() => {
  const deps = context();
  return () => runAnswerReminders(deps, new Date());
});

export const proposalDigestsHandler = lazyHandler<unknown, ProposalDigestReport>(() => {
  const deps = context();
  return () => runProposalDigests(deps, new Date());
});

export const swapNudgesHandler = lazyHandler<unknown, SwapNudgeReport>(() => {
  const deps = context();
  return () => runSwapNudges(deps, new Date());
});

export const agentQueuesHandler = lazyHandler<unknown, AgentQueueReport>(() => {
  const deps = context();
  return () => runAgentQueues(deps, new Date());
});

export const lessorDigestsHandler = lazyHandler<unknown, LessorDigestReport>(() => {
  const deps = context();
  return () => runLessorDigests(deps, new Date());
});
