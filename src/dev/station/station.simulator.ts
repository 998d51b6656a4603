// A simulated prepaid water station terminal: several nozzles, water flowing at a realistic rate, and a link that
// can be cut on demand. It speaks only the public HTTP protocol, signed with the station's HMAC key, exactly as a
// real terminal would: authorise → reports with increasing sequence numbers → settle; while the link is cut it
// fills from its last signed allow-list and uploads those dispenses when the link returns.
import { randomBytes } from 'node:crypto';
import { signRequest } from '../../modules/identity/index.js';

export interface Transport {
  (request: { method: 'GET' | 'POST'; path: string; body: string; headers: Record<string, string> }): Promise<{ status: number; json: unknown }>;
}

export interface StationTerminalOptions {
  keyId: string;
  secret: string;
  transport: Transport;
  nozzles: number;
  /** Imperial gallons a minute through one nozzle (a tanker fill line gives some hundreds). */
  flowGallonsPerMinute: number;
  /** How often a filling nozzle reports its meter. */
  reportEveryMs: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

export interface FillResult {
  dispenseId: string;
  mode: 'online' | 'offline' | 'refused';
  gallons: number;
  code?: string;
  charged?: string | null;
}

interface OfflineDispense { dispenseId: string; plate: string; nozzle: number; gallons: number; at: string }

/** An HTTP transport over fetch, for a running Tasdeed. */
export function fetchTransport(baseUrl: string): Transport {
  const base = baseUrl.replace(/\/$/, '');
  return async ({ method, path, body, headers }) => {
    const response = await fetch(`${base}${path}`, { method, headers, ...(method === 'POST' ? { body } : {}), signal: AbortSignal.timeout(10_000) });
    return { status: response.status, json: await response.json().catch(() => ({})) };
  };
}

export class StationTerminal {
  private linkUp = true;
  private allowList: Map<string, number> = new Map();
  private readonly pending: OfflineDispense[] = [];
  private readonly busy = new Set<number>();
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (line: string) => void;

  constructor(private readonly options: StationTerminalOptions) {
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = options.log ?? (() => undefined);
  }

  get online(): boolean {
    return this.linkUp;
  }

  get pendingUploads(): number {
    return this.pending.length;
  }

  cutLink(): void {
    this.linkUp = false;
    this.log('link cut: filling from the allow-list');
  }

  /** Restores the link and uploads what was dispensed meanwhile. */
  async restoreLink(): Promise<void> {
    this.linkUp = true;
    this.log('link restored');
    await this.uploadPending();
  }

  private async call(method: 'GET' | 'POST', path: string, payload?: object): Promise<{ status: number; json: unknown }> {
    if (!this.linkUp) throw new Error('link down');
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const headers: Record<string, string> = {
      'x-tasdeed-key': this.options.keyId,
      'x-tasdeed-timestamp': timestamp,
      'x-tasdeed-signature': signRequest(this.options.secret, method, path, timestamp, body),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    };
    return this.options.transport({ method, path, body, headers });
  }

  /** Downloads the signed allow-list to fill from when the link is cut. */
  async refreshAllowList(): Promise<number> {
    const response = await this.call('GET', '/api/v1/prepaid/allow-list');
    if (response.status !== 200) throw new Error(`allow-list refused: ${response.status}`);
    const { body } = response.json as { body: string; signature: string };
    const list = JSON.parse(body) as { trucks: { plate: string; capGallons: number }[] };
    this.allowList = new Map(list.trucks.map((truck) => [truck.plate, truck.capGallons]));
    return this.allowList.size;
  }

  /** Fills a truck on a nozzle until `gallons` have flowed (or the hold or cap stops it). */
  async fill(plate: string, gallons: number, nozzle = 1): Promise<FillResult> {
    if (nozzle < 1 || nozzle > this.options.nozzles || this.busy.has(nozzle)) throw new Error(`nozzle ${nozzle} is not free`);
    this.busy.add(nozzle);
    try {
      const dispenseId = `SIM-${randomBytes(6).toString('hex')}`;
      return this.linkUp ? await this.fillOnline(dispenseId, plate, gallons, nozzle) : await this.fillOffline(dispenseId, plate, gallons, nozzle);
    } finally {
      this.busy.delete(nozzle);
    }
  }

  private async fillOnline(dispenseId: string, plate: string, gallons: number, nozzle: number): Promise<FillResult> {
    const authorised = await this.call('POST', '/api/v1/prepaid/dispenses', { dispenseId, plate, nozzle, requestedGallons: gallons });
    if (authorised.status !== 201 && authorised.status !== 200) {
      const code = (authorised.json as { code?: string }).code ?? String(authorised.status);
      this.log(`nozzle ${nozzle} ${plate}: refused ${code}`);
      return { dispenseId, mode: 'refused', gallons: 0, code };
    }
    let flowed = 0;
    let sequence = 0;
    const perTick = Math.max(1, Math.round((this.options.flowGallonsPerMinute * this.options.reportEveryMs) / 60_000));
    while (flowed < gallons) {
      await this.sleep(this.options.reportEveryMs);
      flowed = Math.min(gallons, flowed + perTick);
      sequence += 1;
      // A report lost while the link is cut is not retried: the next one carries the meter further anyway.
      if (this.linkUp) await this.call('POST', `/api/v1/prepaid/dispenses/${dispenseId}/reports`, { sequence, gallons: flowed }).catch(() => undefined);
    }
    while (!this.linkUp) await this.sleep(this.options.reportEveryMs); // the settle waits for the link
    const settled = await this.call('POST', `/api/v1/prepaid/dispenses/${dispenseId}/settle`, { gallons: flowed });
    const charged = (settled.json as { charged?: string | null }).charged ?? null;
    this.log(`nozzle ${nozzle} ${plate}: ${flowed} gallons, charged ${charged ?? (settled.json as { code?: string }).code}`);
    return { dispenseId, mode: 'online', gallons: flowed, charged };
  }

  private async fillOffline(dispenseId: string, plate: string, gallons: number, nozzle: number): Promise<FillResult> {
    const cap = this.allowList.get(plate) ?? 0;
    if (cap <= 0) {
      this.log(`nozzle ${nozzle} ${plate}: not on the allow-list`);
      return { dispenseId, mode: 'refused', gallons: 0, code: 'not_on_allow_list' };
    }
    const target = Math.min(gallons, cap);
    const perTick = Math.max(1, Math.round((this.options.flowGallonsPerMinute * this.options.reportEveryMs) / 60_000));
    for (let flowed = 0; flowed < target; flowed += perTick) await this.sleep(this.options.reportEveryMs);
    this.allowList.set(plate, cap - target);
    this.pending.push({ dispenseId, plate, nozzle, gallons: target, at: this.now().toISOString() });
    this.log(`nozzle ${nozzle} ${plate}: ${target} gallons offline (to upload)`);
    return { dispenseId, mode: 'offline', gallons: target };
  }

  async uploadPending(): Promise<number> {
    if (this.pending.length === 0 || !this.linkUp) return 0;
    const batch = this.pending.slice(0, 1000);
    const response = await this.call('POST', '/api/v1/prepaid/offline-dispenses', { dispenses: batch });
    if (response.status !== 200) return 0;
    this.pending.splice(0, batch.length);
    this.log(`uploaded ${batch.length} offline dispenses`);
    return batch.length;
  }
}
