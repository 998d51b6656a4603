// Minimal types for the `smpp` package (0.5.1 ships none): only what the client and the simulator use.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** short_message / message_payload after the package decoded it (data_coding 0x00, 0x01, 0x03, 0x08). */
  export interface DecodedShortMessage {
    message: string | Buffer;
    /** User data header information elements, each `[iei, length, ...data]`, when esm_class has 0x40. */
    udh?: Buffer[];
  }

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    system_type?: string;
    service_type?: string;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    registered_delivery?: number;
    data_coding?: number | null;
    short_message?: DecodedShortMessage | Buffer;
    message_payload?: DecodedShortMessage | Buffer;
    message_id?: string;
    receipted_message_id?: string;
    message_state?: number;
    /** query_sm_resp: when the message reached its final state (decoded to a Date), or '' while it has not. */
    final_date?: Date | string;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): PDU;
  }

  export type PduParams = Record<string, unknown>;
  export type ResponseCallback = (pdu: PDU) => void;

  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    bind_transceiver(params: PduParams, responseCallback?: ResponseCallback): boolean;
    submit_sm(params: PduParams, responseCallback?: ResponseCallback): boolean;
    deliver_sm(params: PduParams, responseCallback?: ResponseCallback): boolean;
    query_sm(params: PduParams, responseCallback?: ResponseCallback): boolean;
    cancel_sm(params: PduParams, responseCallback?: ResponseCallback): boolean;
    enquire_link(params: PduParams, responseCallback?: ResponseCallback): boolean;
    unbind(params: PduParams, responseCallback?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export interface ConnectOptions {
    host: string;
    port: number;
  }

  const smpp: {
    connect(options: ConnectOptions, listener?: () => void): Session;
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    PDU: new (command: string, options?: PduParams) => PDU;
  };
  export default smpp;
}
