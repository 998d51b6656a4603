// Putting concatenated SMS back together (pure): the simulator does it for what we submit, the client for long
// messages people send us (an inbound "STOP" is short, a complaint may not be). Parts may arrive in any order.

export interface ConcatenationInfo {
  reference: number;
  total: number;
  sequence: number;
}

/**
 * Reads the concatenation element from a user data header given as its information elements (what the `smpp`
 * package returns: each `[iei, length, ...data]`). Handles the 8-bit (IEI 0x00) and 16-bit (IEI 0x08) references.
 */
export function concatenationInfo(elements: readonly Uint8Array[] | undefined): ConcatenationInfo | null {
  for (const element of elements ?? []) {
    if (element[0] === 0x00 && element[1] === 3 && element.length >= 5) {
      return validInfo(element[2]!, element[3]!, element[4]!);
    }
    if (element[0] === 0x08 && element[1] === 4 && element.length >= 6) {
      return validInfo((element[2]! << 8) | element[3]!, element[4]!, element[5]!);
    }
  }
  return null;
}

function validInfo(reference: number, total: number, sequence: number): ConcatenationInfo | null {
  return total >= 1 && sequence >= 1 && sequence <= total ? { reference, total, sequence } : null;
}

interface PendingMessage<P> {
  parts: (P | undefined)[];
  received: number;
  firstSeenAt: number;
}

/**
 * Collects parts under a key (sender, recipient and reference) until all have arrived. Incomplete messages are
 * forgotten after `maxAgeMs`: a part lost by the network must not hold memory for ever.
 */
export class ConcatenationBuffer<P> {
  private readonly pending = new Map<string, PendingMessage<P>>();

  constructor(private readonly maxAgeMs = 10 * 60_000) {}

  /** Adds one part; returns every part in order once the message is complete, otherwise null. */
  add(key: string, info: ConcatenationInfo, part: P, now = Date.now()): P[] | null {
    this.prune(now);
    const id = `${key}|${info.reference}|${info.total}`;
    let message = this.pending.get(id);
    if (!message) {
      message = { parts: new Array<P | undefined>(info.total).fill(undefined), received: 0, firstSeenAt: now };
      this.pending.set(id, message);
    }
    const index = info.sequence - 1;
    if (message.parts[index] === undefined) message.received++;
    message.parts[index] = part; // a repeated part (redelivery) replaces the earlier copy
    if (message.received < info.total) return null;
    this.pending.delete(id);
    return message.parts as P[];
  }

  get size(): number {
    return this.pending.size;
  }

  prune(now = Date.now()): void {
    for (const [id, message] of this.pending) if (now - message.firstSeenAt > this.maxAgeMs) this.pending.delete(id);
  }
}
