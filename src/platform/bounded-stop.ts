// A process's stop, part by part, each given a bounded time. A part that does not end in time (a worker awaiting a
// connection nobody will answer, a pool waiting for a connection nobody will give back) is named in the log and
// left behind, so SIGTERM always ends the process: what that part held is taken again when its lease ends, as after
// a crash. Each part is still waited for in full when it does end in time: nothing is cut short on a healthy stop.
export interface StopPart {
  name: string;
  stop(): Promise<unknown>;
}

export interface StopOutcome {
  /** The parts that had not ended when their time ran out. Empty on a clean stop. */
  unfinished: string[];
}

/** Stops the parts one after another, in order; a part that throws counts as ended (it will do no more). */
export async function stopInTurn(parts: StopPart[], graceMs: number, report: (line: string) => void): Promise<StopOutcome> {
  const unfinished: string[] = [];
  for (const part of parts) {
    let timer: NodeJS.Timeout | undefined;
    const ended = part.stop().then(() => true, () => true);
    const outOfTime = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), graceMs); });
    const inTime = await Promise.race([ended, outOfTime]);
    clearTimeout(timer);
    if (!inTime) {
      unfinished.push(part.name);
      report(`stop: ${part.name} did not end within ${Math.round(graceMs / 1000)} s; going on without it`);
    }
  }
  return { unfinished };
}
