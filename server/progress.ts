/** One line per start-up step: `label… done (1.2 s)`, so a first start says what it is waiting for. */
export interface Progress {
  /** Starts a step; the returned function ends its line with what happened and the step's elapsed time. */
  step(label: string): (outcome?: string) => void;
  /** A step that took no time worth showing. */
  note(line: string): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Seconds since the process started (tsx compiling the server included), for the "ready in" of the last line. */
export const sinceStart = () => seconds(process.uptime() * 1000);

export function consoleProgress(out: NodeJS.WritableStream = process.stdout): Progress {
  return {
    step(label) {
      const started = performance.now();
      out.write(`${label}… `);
      return (outcome = 'done') => out.write(`${outcome} (${seconds(performance.now() - started)})\n`);
    },
    note(line) {
      out.write(`${line}\n`);
    },
  };
}

/** For callers that start the store without a console (tests). */
export const silentProgress: Progress = { step: () => () => undefined, note: () => undefined };
