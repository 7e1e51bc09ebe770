/** Test output shows test results; the code's JSON logs only when something is wrong. */
import { configureLogs } from '../../functions/lib/logger';

configureLogs({ level: 'error' });
