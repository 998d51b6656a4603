// A TCP proxy on loopback for fault tests: passes bytes both ways to a target (PostgreSQL), and on `cut()` destroys
// every open connection and refuses new ones (accepts and closes at once, as a failed-over address does) until
// `restore()`. What the client sees is "Connection terminated unexpectedly", the error a database failover gives.
import { createServer, connect, type Socket, type AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections passed through so far (a test can see that clients reconnected after a cut). */
  accepted(): number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  let accepted = 0;
  const server = createServer((inbound) => {
    if (refusing) {
      inbound.destroy();
      return;
    }
    accepted++;
    const outbound = connect(target.port, target.host);
    open.add(inbound);
    open.add(outbound);
    const end = () => {
      inbound.destroy();
      outbound.destroy();
      open.delete(inbound);
      open.delete(outbound);
    };
    inbound.on('error', end).on('close', end);
    outbound.on('error', end).on('close', end);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    cut() {
      refusing = true;
      for (const socket of [...open]) socket.destroy();
      open.clear();
    },
    restore() {
      refusing = false;
    },
    async close() {
      refusing = true;
      for (const socket of [...open]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same connection string, through the proxy. */
export function throughProxy(databaseUrl: string, proxy: TcpProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}
