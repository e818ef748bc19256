import { PropChecks } from '../core/prop-checks';

/** Prefixes and suffixes S3 reserves for its own bucket types. */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

const RULES = '3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit, '
  + 'without adjacent dots, not shaped like an IP address, and without the reserved prefixes '
  + `(${RESERVED_PREFIXES.join(', ')}) or suffixes (${RESERVED_SUFFIXES.join(', ')})`;

/**
 * Refuses a bucket name that breaks the S3 general-purpose bucket naming rules.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function checkBucketName(check: PropChecks, name: string | undefined): void {
  check.satisfies('bucketName', name, isValidBucketName, RULES);
}

/** Whether `name` follows the S3 general-purpose bucket naming rules. */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)
    && !name.includes('..')
    && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name)
    && !RESERVED_PREFIXES.some((p) => name.startsWith(p))
    && !RESERVED_SUFFIXES.some((s) => name.endsWith(s));
}
