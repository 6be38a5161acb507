// How the chat notifier is fed, in one place: notifier.ts configures AWS with these numbers and the load test
// (`npm run load`) models the SQS event source with the same ones. No Pulumi import, so the model can use it.

/**
 * Topic → SQS queue → Lambda event source mapping. Why a queue rather than SNS invoking the function directly:
 * - each SNS message is its own asynchronous invocation, so a storm is 100 invocations hitting a webhook that
 *   takes ~1 message/s; a queue gives the function batches, which it condenses into one message;
 * - `maximumConcurrency` caps how many batches run at once (2 is the minimum the API allows), without reserving
 *   account concurrency (reserved concurrency below the mapping's concurrency makes Lambda throttle and
 *   requeue batches, and a new account may have too little unreserved concurrency to reserve any);
 * - failed messages come back after the visibility timeout and, after `maxReceiveCount` receives, SQS moves
 *   them to the dead-letter queue, whose alarm then fires.
 */
export const NOTIFIER_DELIVERY = {
  /** Function timeout: room to wait out a few Retry-Afters for one digest. */
  timeoutSeconds: 60,
  /** Messages per batch (up to 10,000 with a batching window; 100 keeps one digest readable). */
  batchSize: 100,
  /** How long Lambda gathers messages before invoking: the storm window that is condensed into one message. */
  batchingWindowSeconds: 10,
  /** Concurrent batches at most (the API's minimum is 2). */
  maximumConcurrency: 2,
  /**
   * AWS: at least six times the function timeout (room for retries when the function is throttled), plus the
   * batching window.
   */
  visibilityTimeoutSeconds: 6 * 60 + 10,
  /** Receives before a message moves to the dead-letter queue (AWS advises at least 5 for Lambda). */
  maxReceiveCount: 5,
  /** Longer than maxReceiveCount × visibility timeout, so no message expires before reaching the DLQ. */
  messageRetentionSeconds: 4 * 24 * 3600,
  /** The dead-letter queue keeps messages for the maximum, 14 days. */
  deadLetterRetentionSeconds: 14 * 24 * 3600,
} as const;

/** The longest a message waits before it is dead-lettered: every receive failing, each after a visibility timeout. */
export const MAXIMUM_EVENT_AGE_SECONDS =
  NOTIFIER_DELIVERY.maxReceiveCount * NOTIFIER_DELIVERY.visibilityTimeoutSeconds +
  NOTIFIER_DELIVERY.batchingWindowSeconds;
