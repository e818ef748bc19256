/**
 * An AWS service that may use a ring's key: which actions, and from which
 * resources. The key policy statement is always conditioned on
 * `aws:SourceAccount` (this account), and on `aws:SourceArn` when given.
 */
export interface KeyServiceGrant {
  /** The service principal, e.g. `events.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** KMS actions the service needs, named explicitly (no wildcards), e.g. `kms:GenerateDataKey`. */
  readonly actions: string[];
  /**
   * Restrict to requests made on behalf of these resources (`ArnLike aws:SourceArn`), e.g. a detector ARN pattern.
   *
   * @default - any resource of the service in this account
   */
  readonly sourceArn?: string;
}
