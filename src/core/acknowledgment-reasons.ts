/**
 * The bar every acknowledgment reason must clear: it says, in its own words, why a
 * deviation is safe. A heuristic, not a grammar check: it refuses what is cheap to
 * recognize as no explanation at all, and is applied to every acknowledgment the
 * library makes or accepts (props that carry reasons, `Acknowledgments.acknowledge`,
 * and the SecureBaseline check over every acknowledgment in a tree).
 *
 * A reason is refused when it is:
 * - not text, empty, shorter than {@link MIN_REASON_CHARS} characters or {@link MIN_REASON_WORDS} words;
 * - a placeholder (`TODO`, `TBD`, `FIXME`, `lorem ipsum`, ...);
 * - mostly not letters (ARNs, ids and punctuation explain nothing on their own);
 * - keyboard mash or repetition (`asdf qwer zxcv uiop`, `safe safe safe safe safe`);
 * - the rule id with little else;
 * - stock phrases, even padded: after dropping stopwords, the rule id's words and stock
 *   words (false positive, ignore, suppress, not needed, not applicable, by design, known
 *   issue, approved, accepted risk, temporary, ...), fewer than {@link MIN_CONTENT_WORDS}
 *   distinct real words remain.
 */

/** Shortest acceptable reason, in characters. */
export const MIN_REASON_CHARS = 25;
/** Fewest words an acceptable reason has. */
export const MIN_REASON_WORDS = 5;
/** Fewest distinct content words (real words that are neither stopwords, stock words nor the rule id's). */
export const MIN_CONTENT_WORDS = 4;

/** Reasons that say nothing about *why* a deviation is safe, matched against the whole normalized reason. */
const GENERIC_REASONS = new Set([
  'acknowledged', 'accepted', 'as designed', 'by design', 'false positive', 'fine', 'fix later', 'ignore',
  'ignored', 'intentional', 'known issue', 'n a', 'na', 'no reason', 'none', 'not applicable', 'not needed',
  'not required', 'not relevant', 'ok', 'suppress', 'suppressed', 'temporary', 'test', 'testing', 'will fix later',
]);

const PLACEHOLDER = /\b(todo|tbd|tba|fixme|xxx+|lorem ipsum|placeholder|wip|changeme|fill (this )?in)\b/i;

/** Words that carry no explanation on their own: the vocabulary of stock suppression phrases. */
const STOCK_WORDS = new Set([
  'false', 'positive', 'positives', 'ignore', 'ignored', 'ignoring', 'suppress', 'suppressed', 'suppressing',
  'suppression', 'needed', 'needs', 'need', 'necessary', 'required', 'require', 'applicable', 'relevant', 'apply',
  'applies', 'design', 'designed', 'intended', 'intentional', 'intentionally', 'expected', 'known', 'issue', 'issues',
  'approved', 'approval', 'approve', 'accepted', 'accept', 'acceptable', 'risk', 'risks', 'temporary', 'temporarily',
  'todo', 'later', 'fix', 'fixed', 'rule', 'rules', 'finding', 'findings', 'warning', 'warnings', 'error', 'errors',
  'noisy', 'noise', 'check', 'checks', 'acknowledged', 'acknowledge', 'acknowledging', 'acknowledgment', 'exception',
  'exempt', 'exempted', 'waiver', 'waived', 'okay', 'fine', 'good', 'valid', 'invalid', 'correct', 'reviewed',
  'review', 'security', 'team', 'teams', 'management', 'manager', 'signed', 'sign', 'off', 'ticket', 'jira', 'case',
  'reason', 'reasons', 'now', 'here', 'today', 'currently', 'current', 'yet', 'just', 'really', 'actually', 'please',
  'compliance', 'compliant', 'noncompliant', 'violation', 'deviation', 'cdk', 'nag', 'fortress', 'ignorable', 'safe',
]);

/** Function words (and the shortest common verbs) that carry no content. */
const STOPWORDS = new Set([
  'the', 'and', 'for', 'are', 'was', 'were', 'been', 'being', 'has', 'have', 'had', 'this', 'that', 'these', 'those',
  'with', 'without', 'from', 'into', 'onto', 'upon', 'but', 'not', 'nor', 'any', 'all', 'each', 'every', 'some',
  'our', 'ours', 'your', 'yours', 'its', 'their', 'them', 'they', 'she', 'his', 'her', 'who', 'whom', 'which', 'what',
  'when', 'where', 'why', 'how', 'than', 'then', 'there', 'here', 'also', 'only', 'very', 'too', 'can', 'cannot',
  'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must', 'does', 'did', 'done', 'doing', 'because',
  'since', 'about', 'above', 'below', 'over', 'under', 'again', 'once', 'more', 'most', 'other', 'such', 'same',
  'own', 'both', 'few', 'out', 'off', 'via', 'per', 'one', 'get', 'got', 'let', 'use', 'used', 'using', 'make',
  'made', 'thing', 'things', 'stuff', 'etc', 'yes', 'okay', 'still', 'even', 'ever', 'never', 'always', 'for', 'whatever',
]);

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const VOWEL = /[aeiouy]/;

/**
 * What is wrong with an acknowledgment reason, or `undefined` when it is acceptable.
 *
 * @param ruleId the rule (or finding) acknowledged, e.g. `AwsSolutions-S1`; `''` when the reason is for a prop, not a rule
 * @param reason the reason to judge
 * @returns a phrase completing "must ...", or `undefined`
 */
export function reasonProblem(ruleId: string, reason: string): string | undefined {
  if (reason === undefined || reason === null || (typeof reason === 'string' && reason.trim().length === 0)) {
    return 'must explain why the deviation is safe; it is empty';
  }
  if (typeof reason !== 'string') return `must be text explaining why the deviation is safe, not a ${typeof reason}`;
  const text = reason.trim();
  const normalized = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const words = normalized.split(' ').filter((w) => w.length > 0);
  if (GENERIC_REASONS.has(normalized)) return 'must explain why the deviation is safe, not use a stock phrase';
  if (PLACEHOLDER.test(text)) return 'must be a real explanation, not a placeholder';
  const id = typeof ruleId === 'string' ? ruleId.trim().toLowerCase() : '';
  const idWords = new Set(typeof ruleId === 'string' ? wordsOf(ruleId) : []);
  if (id && text.toLowerCase().includes(id) && words.length < MIN_REASON_WORDS + id.split(/[^a-z0-9]+/).length) {
    return 'must explain why the deviation is safe, not repeat the rule id';
  }
  if (text.length < MIN_REASON_CHARS || words.length < MIN_REASON_WORDS) {
    return `must explain why the deviation is safe in at least ${MIN_REASON_WORDS} words and ${MIN_REASON_CHARS} characters`;
  }
  const visible = text.replace(/\s+/g, '');
  const letters = (visible.match(/[A-Za-z]/g) ?? []).length;
  if (letters < visible.length * 0.6) return 'must be written in words, not mostly identifiers, digits or punctuation';

  const letterWords = text.split(/[^A-Za-z]+/).filter((w) => w.length > 0);
  const lower = letterWords.map((w) => w.toLowerCase());
  if (new Set(lower).size < lower.length / 2) return 'must explain in words, not repeat the same few words';
  const realWords = letterWords.filter(isRealWord).map((w) => w.toLowerCase());
  if (realWords.length < Math.ceil(letterWords.length / 2)) {
    return 'must be written in real words (most of these are not: keyboard mash, abbreviations or fragments)';
  }
  const content = new Set(realWords.filter((w) => !STOPWORDS.has(w) && !STOCK_WORDS.has(w) && !idWords.has(w)));
  if (content.size < MIN_CONTENT_WORDS) {
    return 'must say in its own words why the deviation is safe: beyond stock phrases (false positive, not needed, approved, accepted risk, ...), '
      + `stopwords and the rule id it has ${content.size} distinct word${content.size === 1 ? '' : 's'}, at least ${MIN_CONTENT_WORDS} are needed`;
  }
  return undefined;
}

/** The words of a rule id, camel case split: `Fortress-S3BucketRetained` → fortress, s3, bucket, retained (and s3bucketretained). */
function wordsOf(ruleId: string): string[] {
  const parts = ruleId.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const camel = parts.flatMap((p) => p.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/));
  return [...parts, ...camel].map((w) => w.toLowerCase());
}

/**
 * A word that looks like natural language: at least three letters, a vowel, no run of
 * six consonants or three equal letters, and not a run of neighbouring keys on a keyboard row.
 * Acronyms (`KMS`, `ARN`) are not real words, but they do not count against a reason either
 * unless they make up most of it.
 */
function isRealWord(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 3 || !VOWEL.test(w)) return false;
  if (/[^aeiouy]{6,}/.test(w) || /(.)\1\1/.test(w)) return false;
  return !isKeyboardRun(w);
}

/** `asdf`, `qwer`, `uiop`, `lkjh`: three or more neighbouring keys of one row, in either direction. */
function isKeyboardRun(word: string): boolean {
  if (word.length < 3) return false;
  return KEYBOARD_ROWS.some((row) => row.includes(word) || row.includes([...word].reverse().join('')));
}
