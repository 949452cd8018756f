/** What a scan came to: the code's text, the person's cancel, or why the camera could not read one. */
export type ScanOutcome = { kind: 'code'; text: string } | { kind: 'cancelled' } | { kind: 'failed'; reason: string };
