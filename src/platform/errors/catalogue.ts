// Every error code the program can answer, composed from each module's `<module>.errors.ts`. Listed here, not
// registered by side-effect imports: a module's codes exist whether or not the file that throws them was loaded.
// The module errors files import nothing but ./define.ts (and AppError for their small factories), so this file
// is the one place allowed to reach into modules' folders (see .dependency-cruiser.cjs).
import type { ErrorDefinition } from './define.js';
import { commonErrors } from './common.errors.js';
import { accountsErrors } from '../../modules/accounts/accounts.errors.js';
import { billersErrors } from '../../modules/billers/billers.errors.js';
import { billingErrors } from '../../modules/billing/billing.errors.js';
import { finesErrors } from '../../modules/fines/fines.errors.js';
import { identityErrors } from '../../modules/identity/identity.errors.js';
import { ledgerErrors } from '../../modules/ledger/ledger.errors.js';
import { meteringErrors } from '../../modules/metering/metering.errors.js';
import { notificationsErrors } from '../../modules/notifications/notifications.errors.js';
import { emailErrors } from '../../modules/notifications/email/email.errors.js';
import { smsErrors } from '../../modules/notifications/sms/sms.errors.js';
import { gatewayErrors } from '../../modules/payments/gateways/gateway.errors.js';
import { paymentsErrors } from '../../modules/payments/payments.errors.js';
import { prepaidErrors } from '../../modules/prepaid/prepaid.errors.js';
import { requestsErrors } from '../../modules/requests/requests.errors.js';
import { channelsErrors } from '../../modules/channels/channels.errors.js';
import { reconciliationErrors } from '../../modules/reconciliation/reconciliation.errors.js';
import { reportsErrors } from '../../modules/reports/reports.errors.js';
import { tariffsErrors } from '../../modules/tariffs/tariffs.errors.js';
import { pdfErrors } from '../../shared/pdf/pdf.errors.js';
import { platesErrors } from '../../shared/plates.js';

/** Every module's codes, listed once: the union type and the map below both come from this list. */
function parts() {
  return [commonErrors, accountsErrors, billersErrors, billingErrors, finesErrors, identityErrors, ledgerErrors, meteringErrors,
    notificationsErrors, emailErrors, smsErrors, gatewayErrors, paymentsErrors, prepaidErrors, requestsErrors, channelsErrors, reconciliationErrors, reportsErrors, tariffsErrors, pdfErrors, platesErrors] as const;
}

type CodesOf<T> = T extends unknown ? keyof T : never;

/** The union of every defined code: `new AppError(code)` accepts nothing else. */
export type ErrorCode = CodesOf<ReturnType<typeof parts>[number]> & string;

let composed: ReadonlyMap<string, ErrorDefinition> | undefined;

/**
 * The catalogue as a map, built on first use (module files that throw may load before their own errors file has
 * finished evaluating, so nothing here runs at import time). Two modules defining one code differently is a bug.
 */
export function errorCatalogue(): ReadonlyMap<string, ErrorDefinition> {
  composed ??= composeCatalogue([...parts()]);
  return composed;
}

export function composeCatalogue(parts: Record<string, ErrorDefinition>[]): Map<string, ErrorDefinition> {
  const map = new Map<string, ErrorDefinition>();
  for (const part of parts) {
    for (const [code, definition] of Object.entries(part)) {
      const existing = map.get(code);
      if (existing && (existing.en !== definition.en || existing.status !== definition.status)) {
        throw new Error(`error code ${code} is defined twice with different meanings`);
      }
      map.set(code, definition);
    }
  }
  return map;
}
