// Service requests as the portal uses them (src/modules/requests/requests.routes.ts): the types and their forms,
// submitting and following one's own requests, and the service staff's queue, steps and comments.
import { answer, api, type ApiClient, type RequestBody, type ResponseBody } from '../../api/index.js';

export type RequestType = ResponseBody<'/api/v1/request-types', 'get'>[number];
export type FieldSpec = RequestType['fields'][number];
export type AttachmentSpec = RequestType['attachments'][number];
export type RequestSummary = ResponseBody<'/api/v1/requests/mine', 'get'>[number];
export type RequestDetail = ResponseBody<'/api/v1/requests/{id}', 'get'>;
export type HistoryEntry = RequestDetail['history'][number];
export type SubmitInput = RequestBody<'/api/v1/requests', 'post'>;
export type AttachmentUpload = NonNullable<SubmitInput['attachments']>[number];
export type StepInput = RequestBody<'/api/v1/requests/{id}/steps', 'post'>;
export type Step = StepInput['step'];

/** The customer-service offices a request is handled at: one per governorate. */
export const OFFICES = ['capital', 'hawalli', 'farwaniya', 'ahmadi', 'jahra', 'mubarak_al_kabeer'] as const;

export const OPEN_STATUSES = ['submitted', 'accepted', 'scheduled', 'in_progress'] as const;

/**
 * The steps offered for a request in a status, in the order staff take them. The server holds the rule
 * (workflow.service.ts) and refuses any other; this only spares staff a button that can only be refused.
 */
export function stepsFrom(status: string): Step[] {
  switch (status) {
    case 'submitted': return ['accept', 'reject'];
    case 'accepted': return ['schedule', 'reject'];
    case 'scheduled': return ['start', 'reject'];
    case 'in_progress': return ['complete', 'reject'];
    default: return [];
  }
}

export function requestTypes(client: ApiClient = api, signal?: AbortSignal): Promise<RequestType[]> {
  return answer(client.GET('/api/v1/request-types', { signal }));
}

export function myRequests(client: ApiClient = api, signal?: AbortSignal): Promise<RequestSummary[]> {
  return answer(client.GET('/api/v1/requests/mine', { params: { query: {} }, signal }));
}

export function workQueue(filter: { office?: string; typeCode?: string }, client: ApiClient = api, signal?: AbortSignal): Promise<RequestSummary[]> {
  return answer(client.GET('/api/v1/requests/queue', { params: { query: filter }, signal }));
}

export function fetchRequest(id: string, client: ApiClient = api, signal?: AbortSignal): Promise<RequestDetail> {
  return answer(client.GET('/api/v1/requests/{id}', { params: { path: { id } }, signal }));
}

export function submitRequest(input: SubmitInput, client: ApiClient = api): Promise<RequestSummary> {
  return answer(client.POST('/api/v1/requests', { body: input }));
}

export function moveRequest(id: string, input: StepInput, client: ApiClient = api): Promise<RequestSummary> {
  return answer(client.POST('/api/v1/requests/{id}/steps', { params: { path: { id } }, body: input }));
}

export async function commentOnRequest(id: string, body: string, client: ApiClient = api): Promise<void> {
  await answer(client.POST('/api/v1/requests/{id}/comments', { params: { path: { id } }, body: { body } }));
}

/**
 * Why a chosen file cannot go in an attachment slot, checked before it is read or sent, with the same limits the
 * server applies (submit.service.ts): a type the slot takes, not empty, not larger than its maximum.
 */
export function attachmentProblem(spec: Pick<AttachmentSpec, 'contentTypes' | 'maxBytes'>, file: { type: string; size: number }): 'type' | 'empty' | 'too_large' | null {
  if (!spec.contentTypes.includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > spec.maxBytes) return 'too_large';
  return null;
}

/** A file's bytes as base64, the way the API takes attachments. */
export async function readAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A size limit in the slot's words: megabytes when whole, else kilobytes. */
export function sizeLimit(maxBytes: number): { value: number; unit: 'MB' | 'KB' } {
  const MB = 1024 * 1024;
  return maxBytes % MB === 0 ? { value: maxBytes / MB, unit: 'MB' } : { value: Math.ceil(maxBytes / 1024), unit: 'KB' };
}

/** What a request type's form collects, as strings: only filled fields are sent (the server checks required ones). */
export function filledFields(specs: readonly FieldSpec[], values: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const spec of specs) {
    const value = values[spec.name]?.trim() ?? '';
    if (value !== '') fields[spec.name] = value;
  }
  return fields;
}
