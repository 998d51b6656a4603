export { api, createApiClient, buildUrl } from './client.js';
export type { ApiClient, ApiRequest, QueryValue } from './client.js';
export { ApiError, isApiErrorBody, nextStepFor, fallbackError } from './api-error.js';
export type { LocalisedText, NextStep, ApiErrorBody } from './api-error.js';
