// The simulators' small HTTP servers all start and stop the same way: listen on a host and port (0 for any free
// one), report the URL (IPv6 hosts in brackets), and on close drop keep-alive connections so tests end promptly.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  url: string;
  close(): Promise<void>;
}

export async function listenHttp(server: Server, options: { port: number; host: string }, beforeClose: () => void = () => undefined): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      beforeClose();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
