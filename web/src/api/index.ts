export { api, answer, createApiClient, serializeQuery } from './client.js';
export type { ApiClient, ApiClientOptions } from './client.js';
export { ApiError, apiErrorFrom, isApiErrorBody, isUnreachable, nextStepFor, fallbackError } from './api-error.js';
export type { NextStep } from './api-error.js';
export type { ApiErrorBody, LocalisedText, RequestBody, ResponseBody, Schema } from './types.js';
