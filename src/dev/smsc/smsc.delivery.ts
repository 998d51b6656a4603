// Messages the simulated SMS centre owes a bound application (receipts, messages from handsets). Like a real
// one it keeps them until acknowledged: sent on a bind that can receive, kept while none is bound, sent again
// when a bind drops before its deliver_sm_resp or answers with an error.
import type { PduParams, Session } from 'smpp';

interface Delivery {
  systemId: string;
  params: PduParams;
  onAcknowledged?: () => void;
}

export class DeliveryQueue {
  private readonly waiting = new Map<string, Delivery[]>();
  private readonly outstanding = new Map<Session, Set<Delivery>>();

  constructor(
    private readonly receiversFor: (systemId: string) => Session[],
    private readonly retryLater: (run: () => void) => void,
  ) {}

  enqueue(systemId: string, params: PduParams, onAcknowledged?: () => void): void {
    this.deliver({ systemId, params, onAcknowledged });
  }

  /** A bind that can receive came up: send it what waited. */
  flush(systemId: string): void {
    const deliveries = this.waiting.get(systemId) ?? [];
    this.waiting.delete(systemId);
    for (const delivery of deliveries) this.deliver(delivery);
  }

  /** The bind dropped: what it had not acknowledged waits for the next one. */
  sessionClosed(session: Session): void {
    const unacknowledged = this.outstanding.get(session);
    this.outstanding.delete(session);
    for (const delivery of unacknowledged ?? []) this.deliver(delivery);
  }

  private deliver(delivery: Delivery): void {
    const session = this.receiversFor(delivery.systemId)[0];
    if (!session) {
      const list = this.waiting.get(delivery.systemId) ?? [];
      list.push(delivery);
      this.waiting.set(delivery.systemId, list);
      return;
    }
    const outstanding = this.outstanding.get(session) ?? new Set<Delivery>();
    this.outstanding.set(session, outstanding);
    outstanding.add(delivery);
    const written = session.deliver_sm({ ...delivery.params }, (response) => {
      if (!outstanding.delete(delivery)) return;
      if (response.command_status === 0) delivery.onAcknowledged?.();
      else this.retryLater(() => this.deliver(delivery));
    });
    if (!written) {
      outstanding.delete(delivery);
      this.retryLater(() => this.deliver(delivery));
    }
  }
}
