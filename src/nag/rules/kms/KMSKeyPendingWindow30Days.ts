import { defineRule, problemIf } from '../../template/fortress-rule';

/** The longest (and default) waiting period KMS allows before deleting a key. */
const FULL_WINDOW_DAYS = 30;

/** KMS keys keep the full 30-day deletion waiting period, the longest chance to cancel a mistaken deletion. */
export default defineRule(__filename, {
  resourceTypes: ['AWS::KMS::Key'],
  info: 'The KMS key has a deletion waiting period shorter than 30 days.',
  explanation: 'A scheduled key deletion can be cancelled only during the waiting period; after it, everything the key encrypted is lost.',
  fix: 'Leave pendingWindow unset (30 days) or set Duration.days(30).',
  evaluate: (r) => {
    const days = r.properties.PendingWindowInDays;
    return problemIf(days !== undefined && Number(days) !== FULL_WINDOW_DAYS, `PendingWindowInDays is ${JSON.stringify(days)}.`);
  },
});
