/** Where `SecurityReview.fromAssembly` reports reading progress (the CLI prints it on stderr); not part of the jsii API. */
export type ProgressListener = (done: number, total: number) => void;

let listener: ProgressListener | undefined;

/** Sets (or clears, with `undefined`) the listener of assembly reading progress. */
export function setReviewProgressListener(l: ProgressListener | undefined): void {
  listener = l;
}

export function reviewProgressListener(): ProgressListener | undefined {
  return listener;
}
