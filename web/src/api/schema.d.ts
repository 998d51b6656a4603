// Generated from the server's OpenAPI document by scripts/generate-api-types.ts. Do not edit:
// change the zod schemas in src/modules and run `npm run generate:api`.

export interface paths {
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's accounts by civil ID (cashiers, administrators) */
        get: {
            parameters: {
                query: {
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: components["schemas"]["UtilityAccount"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Open an account with its meter and the meter's first reading (administrators) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountNumber?: string;
                        address?: {
                            ar: string;
                            en: string;
                        };
                        area?: {
                            ar: string;
                            en: string;
                        };
                        billerCode: string;
                        /** @enum {string} */
                        category: "residential" | "commercial" | "industrial" | "investment" | "service" | "agricultural" | "chalets" | "government";
                        meter: {
                            dials?: number;
                            /**
                             * @description A register value, digits only
                             * @example 012345
                             */
                            initialReading?: string;
                            /** @example 2026-11-28 */
                            installedOn: string;
                            meterNumber?: string;
                            multiplier?: number;
                        };
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        ownerCivilId?: string;
                        /** @description For government bodies and companies without a civil ID */
                        ownerName?: {
                            ar: string;
                            en: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UtilityAccount"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account with its meters (its owner, cashiers, administrators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UtilityAccount"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountNumber}/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's bill history, newest first, a page at a time, optionally one year's (its owner, cashiers, administrators) */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                    year?: number;
                };
                header?: never;
                path: {
                    accountNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountBills"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountNumber}/meter-replacement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a meter: the old one's final reading, the new one's first (administrators) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountNumber: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description The old meter's register on the day it comes out
                         * @example 012345
                         */
                        finalReading: string;
                        newMeter: {
                            dials?: number;
                            /**
                             * @description A register value, digits only
                             * @example 012345
                             */
                            initialReading?: string;
                            meterNumber?: string;
                            multiplier?: number;
                        };
                        /** @example 2026-11-28 */
                        replacedOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            installed: components["schemas"]["Meter"];
                            removed: components["schemas"]["Meter"];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountNumber}/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's readings, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readings: components["schemas"]["MeterReading"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{accountNumber}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Disconnect, reconnect or close an account (administrators) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    accountNumber: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "active" | "disconnected" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UtilityAccount"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/disconnection-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The disconnection rules per category and currency (admin, service staff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            category: string;
                            currency: string;
                            disconnectionSlaHours: number;
                            graceDays: number;
                            minAgeDays: number;
                            minDebt: string;
                            reconnectionFee: string;
                            reconnectionSlaHours: number;
                            updatedAt: string;
                            updatedBy: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/disconnection-rules/{category}/{currency}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or change the rule of a category (admin; never government) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    category: string;
                    currency: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active: boolean;
                        disconnectionSlaHours: number;
                        graceDays: number;
                        minAgeDays: number;
                        /**
                         * @description Decimal string in the currency scale
                         * @example 12.500
                         */
                        minDebt: string;
                        /**
                         * @description Decimal string in the currency scale
                         * @example 12.500
                         */
                        reconnectionFee: string;
                        reconnectionSlaHours: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            category: string;
                            currency: string;
                            disconnectionSlaHours: number;
                            graceDays: number;
                            minAgeDays: number;
                            minDebt: string;
                            reconnectionFee: string;
                            reconnectionSlaHours: number;
                            updatedAt: string;
                            updatedBy: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/disconnections/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a pass of the disconnection list now: warnings, orders, settlements (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ordered: string[];
                            reconnecting: string[];
                            settled: string[];
                            warned: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/knet-settlement/{date}/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A KNET business day's settlement exceptions and how each was fixed (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["KnetSettlementExceptions"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/knet-settlement/{date}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the KNET settlement check for a KNET business day (admin): exceptions are fixed by ledger postings */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    date: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["KnetSettlementRun"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notifications, newest change first (admin) */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    limit?: number;
                    outboxId?: string;
                    personId?: string;
                    status?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextBefore: string | null;
                            notifications: components["schemas"]["Notification"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One notification (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notification"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/dead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dead letters: messages that stopped being retried, with the reason (admin) */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    limit?: number;
                    outboxId?: string;
                    personId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextBefore: string | null;
                            notifications: components["schemas"]["Notification"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/dead/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a dead letter again (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notification"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Message templates per topic, channel and language (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            placeholders: {
                                [key: string]: string[];
                            };
                            smsMaxSegments: number;
                            templates: components["schemas"]["NotificationTemplate"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/notifications/templates/{topic}/{channel}/{language}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Save a template; an SMS text too long for SMS_MAX_SEGMENTS with the longest expected values is refused (template_too_long) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    channel: "sms" | "email";
                    language: "ar" | "en";
                    topic: "bill.issued" | "bill.due_soon" | "payment.received" | "violation.recorded" | "violation.reminder" | "request.updated" | "auth.sign_in_code" | "prepaid.low_balance" | "disconnection.warning" | "disconnection.ordered" | "disconnection.done" | "reconnection.ordered" | "reconnection.done";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        subject?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationTemplate"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a bank, station or camera client (admin); the secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "bank" | "station" | "camera";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            keyId: string;
                            secret: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit trail of one record (admin) */
        get: {
            parameters: {
                query: {
                    entityId: string;
                    entityType: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actorId: string | null;
                                actorKind: string;
                                actorRole: string | null;
                                at: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                outcome: string;
                                requestId: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Citizen sign-in by civil ID and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        civilId: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a sign-in code by SMS to the phone registered to this civil ID (answers the same either way) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        civilId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "sent_if_registered";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sign-in-code/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Citizen sign-in with the code from the SMS */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        civilId: string;
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/staff/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Staff sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/banks/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open bills a bank may collect, by one billing number (account, meter, civil ID or plate) */
        get: {
            parameters: {
                query?: {
                    accountNumber?: string;
                    civilId?: string;
                    meterNumber?: string;
                    plate?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billingNumber: string;
                            bills: components["schemas"]["BankBill"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/banks/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A bank's payment notification, once per bank transaction id (a repeat answers the first result) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        bills: {
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            billId: string;
                        }[];
                        /** @example KWD */
                        currency: string;
                        /** @description The bank's own transaction id: a notification posts once per id */
                        transactionId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            currency: string;
                            paymentId: string;
                            postedAt: string;
                            receiptNumber: string | null;
                            replayed: boolean;
                            status: string;
                            transactionId: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            currency: string;
                            paymentId: string;
                            postedAt: string;
                            receiptNumber: string | null;
                            replayed: boolean;
                            status: string;
                            transactionId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/banks/reports/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bank's end-of-day report for a business date: every payment, reversal and total */
        get: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bank: string;
                            businessDate: string;
                            payments: {
                                amount: string;
                                currency: string;
                                paymentId: string;
                                postedAt: string;
                                receiptNumber: string | null;
                                status: string;
                                transactionId: string;
                            }[];
                            reversals: {
                                amount: string;
                                at: string;
                                currency: string;
                                kind: string;
                                paymentId: string;
                                reason: string;
                                reversalId: string;
                                transactionId: string;
                            }[];
                            totals: {
                                currency: string;
                                net: string;
                                paid: string;
                                paymentCount: number;
                                reversalCount: number;
                                reversed: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/banks/reports/daily.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same end-of-day report as CSV */
        get: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/banks/reversals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The notifying bank reverses its payment within the biller's window, with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description The bank's own transaction id: a notification posts once per id */
                        transactionId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            currency: string;
                            paymentId: string;
                            reversalId: string;
                            status: string;
                            transactionId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bill-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bill runs, newest period first (administrators) */
        get: {
            parameters: {
                query?: {
                    biller?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            runs: components["schemas"]["BillRun"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Start (or resume) the bill run of a biller and period (administrators); it runs in the background */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        biller: string;
                        period: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillRun"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bill-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress and outcome of a bill run, with the accounts it could not bill (administrators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillRun"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Billers whose payables Tasdeed presents and collects */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            billers: components["schemas"]["Biller"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bill with its lines, readings and the last 12 periods of consumption */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Bill"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The e-bill as a PDF, Arabic (right to left) or English (its owner only) */
        get: {
            parameters: {
                query?: {
                    lang?: "ar" | "en";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/efawateer/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** eFAWATEERcom-style XML (MFEP) messages: BILPULRQ bill pull, BLRPMTNTFRQ payment notification, PMTRVSLRQ reversal, BLRRCNRQ reconciliation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/sadad/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** SADAD-style XML messages from a bank or the switch: BINQRQ inquiry, PNOTRQ payment notification, PREVRQ reversal, BLRCRQ reconciliation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a card payment of payables (or an amount allocated oldest-due first); answers the gateway page to go to */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Unique per attempt; a retry with the same key returns the first result. The Idempotency-Key header is accepted too. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Pay an amount spread over the open payables of a look-up, oldest due first; what is left becomes credit */
                        allocate?: {
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            lookup: {
                                /** @example 100200300 */
                                accountNumber?: string;
                                /**
                                 * @description Kuwaiti civil ID, 12 digits
                                 * @example 289011200032
                                 */
                                civilId?: string;
                                /** @example M-55012 */
                                meterNumber?: string;
                                /** @example 12/34567 */
                                plate?: string;
                            };
                        };
                        /**
                         * @description knet: the portal's card payment; kiosk: the same KNET payment made at a self-service kiosk (KSK receipts, the kiosk's result page)
                         * @default knet
                         * @enum {string}
                         */
                        channel?: "knet" | "kiosk";
                        /** @description Unique per attempt; a retry with the same key returns the first result. The Idempotency-Key header is accepted too. */
                        idempotencyKey?: string;
                        items?: {
                            /**
                             * @description Omit to pay what is due in full; less is a partial payment where the biller allows it
                             * @example 12.500
                             */
                            amount?: string;
                            payableId: string;
                        }[];
                        /**
                         * @default ar
                         * @enum {string}
                         */
                        language?: "ar" | "en";
                        payableIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckoutStarted"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clearance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Does any unpaid violation block a transaction for this civil ID or plate? (officer, admin, cashier, bank); audited */
        get: {
            parameters: {
                query?: {
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId?: string;
                    /** @description Plate as written: "12/34567", "12 34567", "١٢/٣٤٥٦٧" */
                    plate?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Clearance"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/drawers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a cash drawer at a counter of your office with a float (cashier) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        counterCode: string;
                        /**
                         * @description Decimal string in the currency scale
                         * @example 12.500
                         */
                        openingFloat: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterDrawer"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/drawers/{drawerId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a cash drawer with the cash counted; the difference is posted (its cashier, or a supervisor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    drawerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Decimal string in the currency scale
                         * @example 12.500
                         */
                        countedCash: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterDrawer"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/drawers/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your open cash drawer and the cash it should hold now (cashier) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            drawer: components["schemas"]["CounterDrawer"] | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/dues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open dues by civil ID, account, meter or plate, of every biller (cashier) */
        get: {
            parameters: {
                query?: {
                    accountNumber?: string;
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId?: string;
                    meterNumber?: string;
                    plate?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Dues"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/offices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Offices with their counters (admin: all; cashier, supervisor: their own) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            offices: components["schemas"]["CounterOffice"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add an office where cashiers collect for every biller (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        areaAr?: string;
                        areaEn?: string;
                        /** @description Office code: upper-case letters and digits, printed in receipt numbers */
                        code: string;
                        nameAr: string;
                        nameEn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterOffice"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/offices/{officeCode}/counters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a counter to an office (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    officeCode: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Counter code: upper-case letters and digits, printed in receipt numbers */
                        code: string;
                        nameAr: string;
                        nameEn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            code: string;
                            id: string;
                            nameAr: string;
                            nameEn: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/offices/{officeCode}/day-close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the office's business day once every drawer is closed; answers the day's totals (supervisor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    officeCode: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 2026-11-28 */
                        date: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterDayReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/offices/{officeCode}/day-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The office's day: totals by tender and biller, drawers, voids (supervisor) */
        get: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path: {
                    officeCode: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterDayReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/offices/{officeCode}/offline-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the office's limits for payments taken while a counter is offline: per payment and per drawer in all; null for none (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    officeCode: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        maxPerPayment: string | null;
                        maxTotal: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterOffice"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/offices/{officeCode}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The office's counter payments of a day, voided ones included, for a void (supervisor) */
        get: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path: {
                    officeCode: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            businessDate: string;
                            officeCode: string;
                            payments: components["schemas"]["CounterPayment"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a payment at the counter: payables of any biller, tenders that add up; once per id (a repeat answers the first result) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example KWD */
                        currency?: string;
                        /** @description The counter page's own id for this payment (a replay of the same id answers the first result) */
                        id: string;
                        items: {
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            payableId: string;
                        }[];
                        /** @enum {string} */
                        language?: "ar" | "en";
                        /** @description Taken offline: the receipt number the page printed, from a block given to the counter (POST /api/v1/counter/receipt-blocks); the payment posts under it. Implies takenOffline */
                        offlineReceiptNumber?: string;
                        /** @description Taken while the counter page was offline (its journal's replay): a bill paid meanwhile elsewhere turns the money to the account's credit instead of a refusal */
                        takenOffline?: boolean;
                        tenders: ({
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            /** @enum {string} */
                            kind: "cash";
                        } | {
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            /** @enum {string} */
                            kind: "card";
                            /** @description The KNET POS reference of the card transaction */
                            reference: string;
                        } | {
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            bank: string;
                            chequeNumber: string;
                            /** @enum {string} */
                            kind: "cheque";
                        })[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterPayment"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterPayment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/payments/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a payment taken today, with a reason: the ledger reversal is posted (the office's supervisor) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The counter page's own id for this payment (a replay of the same id answers the first result) */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            currency: string;
                            id: string;
                            paymentId: string;
                            reversalId: string;
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counter/receipt-blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A block of the counter's receipt numbers for the payments your page takes while offline; needs an open drawer (cashier) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CounterReceiptBlock"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The demo citizen, sign-ins and simulator inboxes (demo servers only; 404 elsewhere) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DemoFacts"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/disconnection-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Disconnection and reconnection work orders, most urgent first (service staff) */
        get: {
            parameters: {
                query?: {
                    accountNumber?: string;
                    kind?: "disconnect" | "reconnect";
                    status?: "open" | "done" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountNumber: string;
                            areaAr: string;
                            areaEn: string;
                            caseId: string;
                            createdAt: string;
                            doneAt: string | null;
                            doneBy: string | null;
                            dueBy: string;
                            feePayableId: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "disconnect" | "reconnect";
                            late: boolean;
                            note: string | null;
                            /** @enum {string} */
                            status: "open" | "done" | "cancelled";
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/disconnection-orders/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a work order done: the account is cut or restored (service staff) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountNumber: string;
                            areaAr: string;
                            areaEn: string;
                            caseId: string;
                            createdAt: string;
                            doneAt: string | null;
                            doneBy: string | null;
                            dueBy: string;
                            feePayableId: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "disconnect" | "reconnect";
                            late: boolean;
                            note: string | null;
                            /** @enum {string} */
                            status: "open" | "done" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open payables by civil ID, account, meter or plate, across every biller (names masked unless yours) */
        get: {
            parameters: {
                query?: {
                    accountNumber?: string;
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId?: string;
                    meterNumber?: string;
                    plate?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Dues"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/government-transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a ministry-to-ministry transfer settling a batch of government accounts' bills (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The government accounts' bills (payables) the transfer settles, each in full */
                        payableIds: string[];
                        /** @description The finance ministry's transfer number: a transfer is recorded once */
                        transferReference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GovernmentTransfer"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's driving licences (the person, or staff) */
        get: {
            parameters: {
                query: {
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            licences: components["schemas"]["DrivingLicence"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Register a driving licence (officer, admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category: string;
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        civilId: string;
                        /** @example 2026-11-28 */
                        expiresOn: string;
                        licenceNumber: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DrivingLicence"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/licences/{licenceNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Renew a driving licence (officer, admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    licenceNumber: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 2026-11-28 */
                        expiresOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DrivingLicence"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/me/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in citizen's electricity and water accounts with their meters */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: components["schemas"]["UtilityAccount"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in citizen's bills across their accounts, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bills: components["schemas"]["BillSummary"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/language": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the preferred language for messages */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        language: "ar" | "en";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which messages the signed-in citizen receives, by topic and channel, and on which phones */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPreferences"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Turn topics, channels or phones on or off (only what is given changes) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        phones?: {
                            phone: string;
                            sms: boolean;
                        }[];
                        preferences?: {
                            bills?: {
                                email?: boolean;
                                sms?: boolean;
                            };
                            receipts?: {
                                email?: boolean;
                                sms?: boolean;
                            };
                            reminders?: {
                                email?: boolean;
                                sms?: boolean;
                            };
                            violations?: {
                                email?: boolean;
                                sms?: boolean;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationPreferences"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in citizen's payments, newest first: made by them or paying their dues */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            payments: components["schemas"]["Payment"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in citizen's profile */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PersonProfile"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start enrolling an authenticator app (staff); the secret is shown once. Replacing one needs its current code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentCode?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            otpauthUri: string;
                            secret: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/second-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the authenticator app with a code from it (staff) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Objections waiting for a decision (officer) */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "upheld" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            objections: components["schemas"]["ViolationObjection"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One objection (its author or an officer) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ViolationObjection"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/objections/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Uphold the violation or cancel it (officer); a cancelled violation that was paid is refunded */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "uphold" | "cancel";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cancellation: {
                                currency: string;
                                refunded: string;
                                violationId: string;
                                writtenOff: string;
                            } | null;
                            objection: components["schemas"]["ViolationObjection"];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A bank (HMAC-signed) or a cashier records a payment it took; once per externalId */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "bank" | "counter";
                        /** @description The bank's transaction id or the counter's receipt id: posting is once per id */
                        externalId: string;
                        items: {
                            /**
                             * @description Decimal string in the currency scale
                             * @example 12.500
                             */
                            amount: string;
                            payableId: string;
                        }[];
                        /**
                         * @default ar
                         * @enum {string}
                         */
                        language?: "ar" | "en";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            channel: string;
                            createdAt: string;
                            credit: string;
                            currency: string;
                            failureCode: string | null;
                            gateway: {
                                name: string;
                                paymentId: string | null;
                                trackId: string | null;
                            } | null;
                            paymentId: string;
                            postedAt: string | null;
                            receiptNumber: string | null;
                            refunded: string;
                            replayed: boolean;
                            /** @enum {string} */
                            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
                            verifyUrl: string | null;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            channel: string;
                            createdAt: string;
                            credit: string;
                            currency: string;
                            failureCode: string | null;
                            gateway: {
                                name: string;
                                paymentId: string | null;
                                trackId: string | null;
                            } | null;
                            paymentId: string;
                            postedAt: string | null;
                            receiptNumber: string | null;
                            refunded: string;
                            replayed: boolean;
                            /** @enum {string} */
                            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
                            verifyUrl: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment's state (the id is the payer's handle; nothing personal is shown) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Payment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{paymentId}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund or reverse a payment, or part of it (admin, with a reason); a card refund goes to the card gateway */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Unique per attempt; a retry with the same key returns the first result. The Idempotency-Key header is accepted too. */
                    "idempotency-key"?: string;
                };
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The same key on the same payment answers the first refund instead of making another */
                        idempotencyKey?: string;
                        /**
                         * @default refund
                         * @enum {string}
                         */
                        kind?: "refund" | "reversal";
                        /** @description Refund only what the payment paid on these payables (a partial refund); default: the whole payment */
                        payableIds?: string[];
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Refund"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{paymentId}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment as the payer returns from the gateway: settled with the gateway first when still pending */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentResult"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/knet/response": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** KNET response URL (form body with trandata); answers REDIRECT=<result page> */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a person (admin, cashier) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        civilId: string;
                        emails?: string[];
                        nameAr: string;
                        nameEn: string;
                        password?: string;
                        phones?: string[];
                        /** @enum {string} */
                        preferredLanguage?: "ar" | "en";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/allow-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed allow-list a station fills from while its link is down (signed station terminal) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The allow-list as JSON text: stationCode, issuedAt, validUntil, currency, pricePerThousandGallons, trucks[{plate, capGallons}] */
                            body: string;
                            /** @description hex HMAC-SHA256 of body with the server key: the terminal keeps both and shows them on audit */
                            signature: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/dispenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Authorise a dispense (signed station terminal): holds its price on the wallet; idempotent on dispenseId */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The terminal's own id of this dispense: the idempotency key */
                        dispenseId: string;
                        nozzle: number;
                        /** @example 12/34567 */
                        plate: string;
                        /** @description Imperial gallons, whole */
                        requestedGallons: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            charged: string | null;
                            currency: string;
                            dispensedGallons: number;
                            dispenseId: string;
                            held: string;
                            lastSequence: number;
                            plate: string;
                            pricePerThousandGallons: string;
                            released: string | null;
                            requestedGallons: number;
                            settledBy: string | null;
                            /** @enum {string} */
                            status: "authorised" | "dispensing" | "settled";
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            charged: string | null;
                            currency: string;
                            dispensedGallons: number;
                            dispenseId: string;
                            held: string;
                            lastSequence: number;
                            plate: string;
                            pricePerThousandGallons: string;
                            released: string | null;
                            requestedGallons: number;
                            settledBy: string | null;
                            /** @enum {string} */
                            status: "authorised" | "dispensing" | "settled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/dispenses/{dispenseId}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report metered gallons with a sequence number (signed station terminal) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The terminal's own id of this dispense: the idempotency key */
                    dispenseId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Imperial gallons, whole */
                        gallons: number;
                        sequence: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            charged: string | null;
                            currency: string;
                            dispensedGallons: number;
                            dispenseId: string;
                            held: string;
                            lastSequence: number;
                            plate: string;
                            pricePerThousandGallons: string;
                            released: string | null;
                            requestedGallons: number;
                            settledBy: string | null;
                            /** @enum {string} */
                            status: "authorised" | "dispensing" | "settled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/dispenses/{dispenseId}/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Settle: charge the final gallons, release the rest of the hold (signed station terminal) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The terminal's own id of this dispense: the idempotency key */
                    dispenseId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Imperial gallons, whole */
                        gallons: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            charged: string | null;
                            currency: string;
                            dispensedGallons: number;
                            dispenseId: string;
                            held: string;
                            lastSequence: number;
                            plate: string;
                            pricePerThousandGallons: string;
                            released: string | null;
                            requestedGallons: number;
                            settledBy: string | null;
                            /** @enum {string} */
                            status: "authorised" | "dispensing" | "settled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/my-operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The wallets of the signed-in person: the operators registered with their civil ID */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            operators: components["schemas"]["PrepaidOperator"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/offline-dispenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload dispenses made offline: each recorded exactly once; what the wallet cannot cover becomes a debt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        dispenses: {
                            /** Format: date-time */
                            at: string;
                            /** @description The terminal's own id of this dispense: the idempotency key */
                            dispenseId: string;
                            /** @description Imperial gallons, whole */
                            gallons: number;
                            nozzle: number;
                            /** @example 12/34567 */
                            plate: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                charged: string | null;
                                code: string | null;
                                debt: string | null;
                                dispenseId: string;
                                /** @enum {string} */
                                outcome: "recorded" | "already_recorded" | "refused";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a tanker operator (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        civilId?: string;
                        commercialRegistration?: string;
                        /** @enum {string} */
                        kind: "person" | "company";
                        nameAr: string;
                        nameEn: string;
                        phone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PrepaidOperator"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/operators/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An operator and its wallet (admin, cashier, or the operator) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PrepaidOperator"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/operators/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The wallet statement: balances and the latest dispenses */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PrepaidStatement"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/operators/{id}/topups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a wallet top-up: a payable to pay through any channel */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Decimal string in the currency scale
                         * @example 12.500
                         */
                        amount: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PrepaidTopup"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/operators/{id}/trucks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a truck of an operator (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 12/34567 */
                        plate: string;
                        tankCapacityGallons: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blocked: boolean;
                            id: string;
                            operatorId: string;
                            plate: string;
                            tankCapacityGallons: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/reports/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The month's gallons, dispenses and KD per station and per operator (admin) */
        get: {
            parameters: {
                query: {
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            month: string;
                            operators: {
                                amount: string;
                                code: string;
                                currency: string;
                                debt: string;
                                dispenses: number;
                                gallons: number;
                                nameAr: string;
                                nameEn: string;
                            }[];
                            stations: {
                                amount: string;
                                code: string;
                                currency: string;
                                debt: string;
                                dispenses: number;
                                gallons: number;
                                nameAr: string;
                                nameEn: string;
                            }[];
                            total: {
                                amount: string;
                                currency: string;
                                dispenses: number;
                                gallons: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/reports/monthly.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The monthly report as CSV (admin) */
        get: {
            parameters: {
                query: {
                    month: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/reports/stations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Gallons and KD by station and day, with the headline total and the price obtained (admin) */
        get: {
            parameters: {
                query: {
                    /** @description one row per station and business day, or per station and month */
                    by?: "day" | "month";
                    from: string;
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PrepaidStationReport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/stations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The filling stations */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stations: {
                                closesAt: string;
                                code: string;
                                id: string;
                                latitude: number;
                                longitude: number;
                                nameAr: string;
                                nameEn: string;
                                nozzles: number;
                                opensAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a filling station and its terminal (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example 05:00 */
                        closesAt: string;
                        code: string;
                        latitude: number;
                        longitude: number;
                        nameAr: string;
                        nameEn: string;
                        nozzles: number;
                        /** @example 05:00 */
                        opensAt: string;
                        /** @description The api client (role station) that is this station's terminal */
                        terminalClientId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closesAt: string;
                            code: string;
                            id: string;
                            latitude: number;
                            longitude: number;
                            nameAr: string;
                            nameEn: string;
                            nozzles: number;
                            opensAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/tariffs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new water price from a moment on (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        effectiveFrom: string;
                        /**
                         * @description KWD per 1,000 imperial gallons
                         * @example 0.275
                         */
                        pricePerThousandGallons: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            effectiveFrom: string;
                            id: string;
                            pricePerThousandGallons: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prepaid/trucks/{id}/blocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Block or unblock a truck by plate (admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        blocked: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blocked: boolean;
                            id: string;
                            operatorId: string;
                            plate: string;
                            tankCapacityGallons: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter a meter reading by account or meter number (the owner, cashiers, administrators); the answer explains the decision */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountNumber?: string;
                        meterNumber?: string;
                        /**
                         * @description The register value as shown on the meter, digits only
                         * @example 012345
                         */
                        reading: string | number;
                        /**
                         * @description Day of the reading (YYYY-MM-DD); today when left out
                         * @example 2026-11-21
                         */
                        readOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReadingDecision"];
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReadingDecision"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept or reject a held reading (administrators) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accept: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReadingDecision"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/held": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readings held for review (administrators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            readings: components["schemas"]["MeterReading"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/readings/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import the meter readers' CSV (administrators): columns meter_number or account_number, reading, read_on */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The handheld export as text (or send the file itself as text/csv) */
            requestBody: {
                content: {
                    "application/json": {
                        csv: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReadingsImport"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/receipts/{receiptNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A receipt (its owner, staff, or anyone with the signature from its QR code) */
        get: {
            parameters: {
                query?: {
                    sig?: string;
                };
                header?: never;
                path: {
                    receiptNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Receipt"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/receipts/{receiptNumber}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A receipt as PDF in Arabic or English, on A4 or an 80 mm thermal roll */
        get: {
            parameters: {
                query?: {
                    format?: "a4" | "thermal";
                    lang?: "ar" | "en";
                    sig?: string;
                };
                header?: never;
                path: {
                    receiptNumber: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Expected vs settled per channel and bank for a business date, differences both ways (admin) */
        get: {
            parameters: {
                query: {
                    date: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            date: string;
                            lines: {
                                bank: string;
                                channel: string;
                                currency: string;
                                expected: {
                                    amount: string;
                                    count: number;
                                };
                                postedNotSettled: {
                                    amount: string;
                                    paymentId: string;
                                }[];
                                settled: {
                                    amount: string;
                                    count: number;
                                };
                                settledNotPosted: {
                                    amount: string;
                                    entryId: string;
                                    paymentId: string | null;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Imported statements, newest first (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            statements: {
                                account: string;
                                balanced: boolean | null;
                                closingBalance: string | null;
                                currency: string;
                                fileName: string;
                                format: string;
                                id: string;
                                importedAt: string;
                                openingBalance: string | null;
                                statementId: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Import a camt.053 statement or camt.054 notification (admin); the XML is the body */
        post: {
            parameters: {
                query?: {
                    file?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanced: boolean | null;
                            booked: number;
                            closingBalance: string | null;
                            duplicate: boolean;
                            entries: number;
                            file: string;
                            format: string;
                            matched: number;
                            openingBalance: string | null;
                            pending: number;
                            reversed: number;
                            statementId: string;
                            suspense: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balanced: boolean | null;
                            booked: number;
                            closingBalance: string | null;
                            duplicate: boolean;
                            entries: number;
                            file: string;
                            format: string;
                            matched: number;
                            openingBalance: string | null;
                            pending: number;
                            reversed: number;
                            statementId: string;
                            suspense: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation/statements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A statement and its entries (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                accountServicerRef: string | null;
                                amount: string;
                                bookingDate: string | null;
                                bookingStatus: string;
                                currency: string;
                                direction: string;
                                endToEndId: string | null;
                                id: string;
                                note: string | null;
                                paymentId: string | null;
                                position: number;
                                remittance: string[];
                                reversal: boolean;
                                state: string;
                                statementId: string;
                                suspenseReason: string | null;
                                transactionId: string | null;
                            }[];
                            statement: {
                                account: string;
                                balanced: boolean | null;
                                closingBalance: string | null;
                                currency: string;
                                fileName: string;
                                format: string;
                                id: string;
                                importedAt: string;
                                openingBalance: string | null;
                                statementId: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation/suspense": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Statement entries nothing matched (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                accountServicerRef: string | null;
                                amount: string;
                                bookingDate: string | null;
                                bookingStatus: string;
                                currency: string;
                                direction: string;
                                endToEndId: string | null;
                                id: string;
                                note: string | null;
                                paymentId: string | null;
                                position: number;
                                remittance: string[];
                                reversal: boolean;
                                state: string;
                                statementId: string;
                                suspenseReason: string | null;
                                transactionId: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation/suspense/{id}/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Match a suspense entry to a payment by hand (admin, audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        paymentId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountServicerRef: string | null;
                            amount: string;
                            bookingDate: string | null;
                            bookingStatus: string;
                            currency: string;
                            direction: string;
                            endToEndId: string | null;
                            id: string;
                            note: string | null;
                            paymentId: string | null;
                            position: number;
                            remittance: string[];
                            reversal: boolean;
                            state: string;
                            statementId: string;
                            suspenseReason: string | null;
                            transactionId: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reconciliation/suspense/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a suspense entry returned to the payer's bank (admin, audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountServicerRef: string | null;
                            amount: string;
                            bookingDate: string | null;
                            bookingStatus: string;
                            currency: string;
                            direction: string;
                            endToEndId: string | null;
                            id: string;
                            note: string | null;
                            paymentId: string | null;
                            position: number;
                            remittance: string[];
                            reversal: boolean;
                            state: string;
                            statementId: string;
                            suspenseReason: string | null;
                            transactionId: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/refunds/{refundId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the card gateway again about a refund still waiting for its answer (admin); it never refunds twice */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    refundId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Refund"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collections of a business day by channel and by biller, with refunds (admin) */
        get: {
            parameters: {
                query?: {
                    /** @description Business day (Asia/Kuwait); today when left out */
                    date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DayCollections"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/collections-breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collections by day, channel, biller, office and bank (choose with `by`) over a range of business days (admin; JSON, CSV, XLSX or PDF) */
        get: {
            parameters: {
                query?: {
                    /** @description Only this biller */
                    billerCode?: string;
                    /** @description collections-breakdown only: comma-separated day, channel, biller, office, bank (default day,channel,biller) */
                    by?: string;
                    /** @description json (default), csv (UTF-8 with BOM), xlsx or pdf */
                    format?: "json" | "csv" | "xlsx" | "pdf";
                    /** @description First business day (Asia/Kuwait), included; the 1st of the month of `to` when left out */
                    from?: string;
                    /** @description Language of the XLSX headings and of the PDF; from Accept-Language when left out, else English */
                    lang?: "ar" | "en";
                    /** @description Last business day, included; today when left out */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportTable"] | string;
                        "application/pdf": components["schemas"]["ReportTable"] | string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ReportTable"] | string;
                        "text/csv": components["schemas"]["ReportTable"] | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/debt-ageing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is owed today by biller and category: not yet due, 0–30, 31–60, 61–90 and over 90 days past due (admin; JSON, CSV, XLSX or PDF) */
        get: {
            parameters: {
                query?: {
                    /** @description Only this biller */
                    billerCode?: string;
                    /** @description collections-breakdown only: comma-separated day, channel, biller, office, bank (default day,channel,biller) */
                    by?: string;
                    /** @description json (default), csv (UTF-8 with BOM), xlsx or pdf */
                    format?: "json" | "csv" | "xlsx" | "pdf";
                    /** @description First business day (Asia/Kuwait), included; the 1st of the month of `to` when left out */
                    from?: string;
                    /** @description Language of the XLSX headings and of the PDF; from Accept-Language when left out, else English */
                    lang?: "ar" | "en";
                    /** @description Last business day, included; today when left out */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportTable"] | string;
                        "application/pdf": components["schemas"]["ReportTable"] | string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ReportTable"] | string;
                        "text/csv": components["schemas"]["ReportTable"] | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/disconnections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Disconnection warnings, disconnection and reconnection orders by month and biller, with the debt, the fees and the orders late (admin; JSON, CSV, XLSX or PDF) */
        get: {
            parameters: {
                query?: {
                    /** @description Only this biller */
                    billerCode?: string;
                    /** @description collections-breakdown only: comma-separated day, channel, biller, office, bank (default day,channel,biller) */
                    by?: string;
                    /** @description json (default), csv (UTF-8 with BOM), xlsx or pdf */
                    format?: "json" | "csv" | "xlsx" | "pdf";
                    /** @description First business day (Asia/Kuwait), included; the 1st of the month of `to` when left out */
                    from?: string;
                    /** @description Language of the XLSX headings and of the PDF; from Accept-Language when left out, else English */
                    lang?: "ar" | "en";
                    /** @description Last business day, included; today when left out */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportTable"] | string;
                        "application/pdf": components["schemas"]["ReportTable"] | string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ReportTable"] | string;
                        "text/csv": components["schemas"]["ReportTable"] | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/issued-vs-collected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payables issued per month by biller and kind, and what has been collected on them (admin; JSON, CSV, XLSX or PDF) */
        get: {
            parameters: {
                query?: {
                    /** @description Only this biller */
                    billerCode?: string;
                    /** @description collections-breakdown only: comma-separated day, channel, biller, office, bank (default day,channel,biller) */
                    by?: string;
                    /** @description json (default), csv (UTF-8 with BOM), xlsx or pdf */
                    format?: "json" | "csv" | "xlsx" | "pdf";
                    /** @description First business day (Asia/Kuwait), included; the 1st of the month of `to` when left out */
                    from?: string;
                    /** @description Language of the XLSX headings and of the PDF; from Accept-Language when left out, else English */
                    lang?: "ar" | "en";
                    /** @description Last business day, included; today when left out */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportTable"] | string;
                        "application/pdf": components["schemas"]["ReportTable"] | string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ReportTable"] | string;
                        "text/csv": components["schemas"]["ReportTable"] | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service requests submitted in the range by type and office: where they stand and how many were late (admin; JSON, CSV, XLSX or PDF) */
        get: {
            parameters: {
                query?: {
                    /** @description Only this biller */
                    billerCode?: string;
                    /** @description collections-breakdown only: comma-separated day, channel, biller, office, bank (default day,channel,biller) */
                    by?: string;
                    /** @description json (default), csv (UTF-8 with BOM), xlsx or pdf */
                    format?: "json" | "csv" | "xlsx" | "pdf";
                    /** @description First business day (Asia/Kuwait), included; the 1st of the month of `to` when left out */
                    from?: string;
                    /** @description Language of the XLSX headings and of the PDF; from Accept-Language when left out, else English */
                    lang?: "ar" | "en";
                    /** @description Last business day, included; today when left out */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReportTable"] | string;
                        "application/pdf": components["schemas"]["ReportTable"] | string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["ReportTable"] | string;
                        "text/csv": components["schemas"]["ReportTable"] | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                        "application/pdf": components["schemas"]["Error"];
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/request-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The service request types, their forms, attachments and fees */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                contentTypes: string[];
                                labelAr: string;
                                labelEn: string;
                                maxBytes: number;
                                name: string;
                            }[];
                            code: string;
                            currency: string;
                            fee: string;
                            feeBeforeWork: boolean;
                            fields: {
                                kind: string;
                                labelAr: string;
                                labelEn: string;
                                maxLength?: number;
                                name: string;
                                required: boolean;
                            }[];
                            nameAr: string;
                            nameEn: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a service request (the citizen, or service staff for them) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        attachments?: {
                            /** @description base64 */
                            content: string;
                            contentType: string;
                            filename: string;
                            name: string;
                        }[];
                        civilId?: string;
                        fields: {
                            [key: string]: string;
                        };
                        /** @example hawalli */
                        office: string;
                        typeCode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            civilId: string;
                            createdAt: string;
                            decisionNote: string | null;
                            escalated: boolean;
                            feePayableId: string | null;
                            fields: {
                                [key: string]: string;
                            };
                            id: string;
                            number: string;
                            office: string;
                            scheduledFor: string | null;
                            status: string;
                            statusSince: string;
                            typeCode: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A request with its history (its citizen or service staff) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                contentType: string;
                                filename: string;
                                id: string;
                                name: string;
                                sizeBytes: number;
                            }[];
                            civilId: string;
                            createdAt: string;
                            decisionNote: string | null;
                            escalated: boolean;
                            feePaid: boolean;
                            feePayableId: string | null;
                            fields: {
                                [key: string]: string;
                            };
                            history: {
                                actorKind: string;
                                at: string;
                                body: string | null;
                                fromStatus: string | null;
                                kind: string;
                                toStatus: string | null;
                            }[];
                            id: string;
                            number: string;
                            office: string;
                            scheduledFor: string | null;
                            status: string;
                            statusSince: string;
                            typeCode: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on a request (its citizen or service staff) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a request one step (service staff) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Decimal string in the currency scale
                         * @example 12.500
                         */
                        adjustment?: string;
                        note?: string;
                        /** Format: date-time */
                        scheduledFor?: string;
                        /** @enum {string} */
                        step: "accept" | "schedule" | "start" | "complete" | "reject";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            civilId: string;
                            createdAt: string;
                            decisionNote: string | null;
                            escalated: boolean;
                            feePayableId: string | null;
                            fields: {
                                [key: string]: string;
                            };
                            id: string;
                            number: string;
                            office: string;
                            scheduledFor: string | null;
                            status: string;
                            statusSince: string;
                            typeCode: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My requests (citizen), or a citizen's (service staff) */
        get: {
            parameters: {
                query?: {
                    civilId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            civilId: string;
                            createdAt: string;
                            decisionNote: string | null;
                            escalated: boolean;
                            feePayableId: string | null;
                            fields: {
                                [key: string]: string;
                            };
                            id: string;
                            number: string;
                            office: string;
                            scheduledFor: string | null;
                            status: string;
                            statusSince: string;
                            typeCode: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/requests/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open requests by office and type, oldest step first (service staff) */
        get: {
            parameters: {
                query?: {
                    office?: string;
                    typeCode?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            civilId: string;
                            createdAt: string;
                            decisionNote: string | null;
                            escalated: boolean;
                            feePayableId: string | null;
                            fields: {
                                [key: string]: string;
                            };
                            id: string;
                            number: string;
                            office: string;
                            scheduledFor: string | null;
                            status: string;
                            statusSince: string;
                            typeCode: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a staff user (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        nameAr: string;
                        nameEn: string;
                        password: string;
                        /** @enum {string} */
                        role: "citizen" | "cashier" | "supervisor" | "officer" | "service" | "bank" | "station" | "camera" | "admin";
                        unit?: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tariffs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tariff versions (public): rates per block, fixed charges, effective dates */
        get: {
            parameters: {
                query?: {
                    biller?: string;
                    category?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tariffs: components["schemas"]["TariffVersion"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Add a tariff version (admin); overlapping versions are refused */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        billerCode: string;
                        category: string;
                        /** @example KWD */
                        currency: string;
                        /** @example 2026-11-28 */
                        effectiveFrom: string;
                        effectiveTo?: string | null;
                        /**
                         * @description Decimal string in the currency scale
                         * @default 0
                         * @example 12.500
                         */
                        fixedMonthly?: string;
                        name: {
                            ar: string;
                            en: string;
                        };
                        source?: string;
                        /** @description End the current open-ended version where this one starts instead of refusing the overlap */
                        supersede?: boolean;
                        tiers: {
                            /**
                             * @description How many units the price is for (1 for per-kWh, 1000 for water per 1,000 gallons)
                             * @example 1
                             */
                            perUnits: string;
                            /**
                             * @description Price of `perUnits` units, in the currency scale
                             * @example 0.018
                             */
                            price: string;
                            /** @description Monthly consumption this block covers up to (cumulative); null for the last block */
                            upTo: string | null;
                        }[];
                        /** @enum {string} */
                        unit: "kWh" | "imp_gal";
                        /**
                         * @description Value added tax on the charges, in percent (two decimals at most); 0 where there is none
                         * @default 0
                         * @example 15
                         */
                        vatRate?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TariffVersion"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vehicles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's vehicles, or one plate's (the owner, or staff) */
        get: {
            parameters: {
                query?: {
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId?: string;
                    /** @description Plate as written: "12/34567", "12 34567", "١٢/٣٤٥٦٧" */
                    plate?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            vehicles: components["schemas"]["Vehicle"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Register a vehicle (officer, admin); violations recorded on its plate earlier go to the owner */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        colour: string;
                        make: string;
                        model: string;
                        modelYear?: number;
                        nextInspectionOn?: string | null;
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        ownerCivilId: string;
                        /**
                         * @description Plate as written: "12/34567", "12 34567", "١٢/٣٤٥٦٧"
                         * @example 12/34567
                         */
                        plate: string;
                        /** @example 2026-11-28 */
                        registrationExpiresOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            matchedViolations: number;
                            vehicle: components["schemas"]["Vehicle"];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vehicles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Renew a registration, record an inspection, change colour or owner (officer, admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        colour?: string;
                        nextInspectionOn?: string | null;
                        /**
                         * @description Kuwaiti civil ID, 12 digits
                         * @example 289011200032
                         */
                        ownerCivilId?: string;
                        /** @example 2026-11-28 */
                        registrationExpiresOn?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Vehicle"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/violation-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The violation catalogue: fines, speeding bands, types held for legal process */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            types: components["schemas"]["ViolationType"][];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/violation-types/fine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The fine recording would set for a type (and, for speeding, speed and limit): the same rule, nothing recorded */
        get: {
            parameters: {
                query: {
                    limitKmh?: number;
                    speedKmh?: number;
                    typeCode: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FinePreview"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/violations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Violations on a plate or of a civil ID; masked unless the caller is the owner or traffic staff */
        get: {
            parameters: {
                query?: {
                    /** @description Kuwaiti civil ID, 12 digits */
                    civilId?: string;
                    /** @description Plate as written: "12/34567", "12 34567", "١٢/٣٤٥٦٧" */
                    plate?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            violations: components["schemas"]["Violation"][];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Record a violation (officer session or HMAC-signed camera); idempotent on violationNumber
         * @description 201 when recorded, 200 when the same violation number was already recorded with the same content, 409 violation_conflict when with different content.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example cam://KW-HWL-017/2026-03-14/000123.jpg */
                        evidenceRef?: string;
                        limitKmh?: number;
                        /**
                         * Format: date-time
                         * @example 2026-03-14T21:05:00+03:00
                         */
                        occurredAt: string;
                        place: {
                            latitude?: number;
                            longitude?: number;
                            /** @example طريق الملك فهد، تقاطع الدائري الخامس */
                            text: string;
                            /** @example King Fahd Road at the 5th Ring Road */
                            textEn?: string;
                        };
                        /**
                         * @description Plate as written: "12/34567", "12 34567", "١٢/٣٤٥٦٧"
                         * @example 12/34567
                         */
                        plate: string;
                        speedKmh?: number;
                        /** @example speeding */
                        typeCode: string;
                        /**
                         * @description The source system's number: the idempotency key
                         * @example CAM-20260314-000123
                         */
                        violationNumber: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Violation"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Violation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/violations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One violation; masked unless the caller is the owner or traffic staff */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Violation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/violations/{id}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** File an objection to one's own violation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ViolationObjection"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccountBills: {
            accountNumber: string;
            bills: components["schemas"]["BillSummary"][];
            page: number;
            pageSize: number;
            total: number;
            years: number[];
        };
        AccountBillsInput: {
            accountNumber: string;
            bills: components["schemas"]["BillSummaryInput"][];
            page: number;
            pageSize: number;
            total: number;
            years: number[];
        };
        BankBill: {
            amountDue: string;
            billerCode: string;
            billerName: {
                ar: string;
                en: string;
            };
            billId: string;
            currency: string;
            description: {
                ar: string;
                en: string;
            };
            dueDate: string;
            kind: string;
            maxAmount: string;
            minAmount: string;
            partialAllowed: boolean;
        };
        BankBillInput: {
            amountDue: string;
            billerCode: string;
            billerName: {
                ar: string;
                en: string;
            };
            billId: string;
            currency: string;
            description: {
                ar: string;
                en: string;
            };
            dueDate: string;
            kind: string;
            maxAmount: string;
            minAmount: string;
            partialAllowed: boolean;
        };
        Bill: {
            accountNumber: string;
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            amount: string;
            billerCode: string;
            billNumber: string;
            category: string;
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            consumption: string;
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            creditCarriedForward: string;
            /**
             * @description Given back by this bill through the ledger (an actual reading below the estimates): lowers the open estimates, then becomes credit
             * @example 12.500
             */
            creditNote: string;
            currency: string;
            /** @example 2026-11-28 */
            dueDate: string;
            estimated: boolean;
            history: {
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                consumption: string;
                estimated: boolean;
                /** @example 2026-11 */
                period: string;
            }[];
            id: string;
            /** @example 2026-11-28 */
            issuedOn: string;
            lines: {
                /**
                 * @description Decimal string in the currency scale
                 * @example 12.500
                 */
                amount: string;
                /** @description false for the previous balance: shown, not added into this bill */
                countsInTotal: boolean;
                /** @enum {string} */
                kind: "consumption" | "fixed" | "estimate_correction" | "credit_brought_forward" | "previous_balance";
                label: {
                    ar: string;
                    en: string;
                };
                quantity: string | null;
                rate: {
                    label: {
                        ar: string;
                        en: string;
                    };
                    /**
                     * @description Whole units (kWh or imperial gallons)
                     * @example 1500
                     */
                    perUnits: string;
                    /**
                     * @description Decimal string in the currency scale
                     * @example 12.500
                     */
                    price: string;
                } | null;
                tierFrom: string | null;
                tierTo: string | null;
            }[];
            meterNumber: string | null;
            payable: {
                /**
                 * @description Decimal string in the currency scale
                 * @example 12.500
                 */
                amountDue: string;
                holdReason: {
                    ar: string;
                    en: string;
                } | null;
                id: string;
                payableOnline: boolean;
                status: string;
            };
            pdfUrl: string;
            /** @example 2026-11 */
            period: string;
            /** @example 2026-11-28 */
            periodFrom: string;
            /** @example 2026-11-28 */
            periodTo: string;
            /**
             * @description Unpaid earlier bills when this one was issued (not included in amount)
             * @example 12.500
             */
            previousBalance: string;
            readings: {
                current: {
                    /** @example 2026-11-28 */
                    readOn: string;
                    /**
                     * @description Whole units (kWh or imperial gallons)
                     * @example 1500
                     */
                    value: string;
                } | null;
                previous: {
                    /** @example 2026-11-28 */
                    readOn: string;
                    /**
                     * @description Whole units (kWh or imperial gallons)
                     * @example 1500
                     */
                    value: string;
                } | null;
            };
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
        };
        Biller: {
            allowsPartialPayment: boolean;
            billDay: number;
            code: string;
            currency: string;
            dueDays: number;
            kind: string;
            minPartialAmount: string;
            nameAr: string;
            nameEn: string;
        };
        BillerInput: {
            allowsPartialPayment: boolean;
            billDay: number;
            code: string;
            currency: string;
            dueDays: number;
            kind: string;
            minPartialAmount: string;
            nameAr: string;
            nameEn: string;
        };
        BillInput: {
            accountNumber: string;
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            amount: string;
            billerCode: string;
            billNumber: string;
            category: string;
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            consumption: string;
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            creditCarriedForward: string;
            /**
             * @description Given back by this bill through the ledger (an actual reading below the estimates): lowers the open estimates, then becomes credit
             * @example 12.500
             */
            creditNote: string;
            currency: string;
            /** @example 2026-11-28 */
            dueDate: string;
            estimated: boolean;
            history: {
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                consumption: string;
                estimated: boolean;
                /** @example 2026-11 */
                period: string;
            }[];
            id: string;
            /** @example 2026-11-28 */
            issuedOn: string;
            lines: {
                /**
                 * @description Decimal string in the currency scale
                 * @example 12.500
                 */
                amount: string;
                /** @description false for the previous balance: shown, not added into this bill */
                countsInTotal: boolean;
                /** @enum {string} */
                kind: "consumption" | "fixed" | "estimate_correction" | "credit_brought_forward" | "previous_balance";
                label: {
                    ar: string;
                    en: string;
                };
                quantity: string | null;
                rate: {
                    label: {
                        ar: string;
                        en: string;
                    };
                    /**
                     * @description Whole units (kWh or imperial gallons)
                     * @example 1500
                     */
                    perUnits: string;
                    /**
                     * @description Decimal string in the currency scale
                     * @example 12.500
                     */
                    price: string;
                } | null;
                tierFrom: string | null;
                tierTo: string | null;
            }[];
            meterNumber: string | null;
            payable: {
                /**
                 * @description Decimal string in the currency scale
                 * @example 12.500
                 */
                amountDue: string;
                holdReason: {
                    ar: string;
                    en: string;
                } | null;
                id: string;
                payableOnline: boolean;
                status: string;
            };
            pdfUrl: string;
            /** @example 2026-11 */
            period: string;
            /** @example 2026-11-28 */
            periodFrom: string;
            /** @example 2026-11-28 */
            periodTo: string;
            /**
             * @description Unpaid earlier bills when this one was issued (not included in amount)
             * @example 12.500
             */
            previousBalance: string;
            readings: {
                current: {
                    /** @example 2026-11-28 */
                    readOn: string;
                    /**
                     * @description Whole units (kWh or imperial gallons)
                     * @example 1500
                     */
                    value: string;
                } | null;
                previous: {
                    /** @example 2026-11-28 */
                    readOn: string;
                    /**
                     * @description Whole units (kWh or imperial gallons)
                     * @example 1500
                     */
                    value: string;
                } | null;
            };
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
        };
        BillRun: {
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            amountTotal: string;
            billed: number;
            biller: string;
            currency: string;
            /** @example 2026-11-28 */
            dueDate: string;
            estimated: number;
            failed: number;
            failures?: {
                accountId: string;
                at: string;
                code: string;
                message: string;
            }[];
            finishedAt: string | null;
            id: string;
            /** @example 2026-11-28 */
            issuedOn: string;
            lastError: string | null;
            /** @example 2026-11 */
            period: string;
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "completed_with_failures" | "interrupted" | "failed";
            totalAccounts: number;
            updatedAt: string;
        };
        BillRunInput: {
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            amountTotal: string;
            billed: number;
            biller: string;
            currency: string;
            /** @example 2026-11-28 */
            dueDate: string;
            estimated: number;
            failed: number;
            failures?: {
                accountId: string;
                at: string;
                code: string;
                message: string;
            }[];
            finishedAt: string | null;
            id: string;
            /** @example 2026-11-28 */
            issuedOn: string;
            lastError: string | null;
            /** @example 2026-11 */
            period: string;
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "completed_with_failures" | "interrupted" | "failed";
            totalAccounts: number;
            updatedAt: string;
        };
        BillSummary: {
            accountNumber: string;
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            amount: string;
            billerCode: string;
            billNumber: string;
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            consumption: string;
            currency: string;
            /** @example 2026-11-28 */
            dueDate: string;
            estimated: boolean;
            id: string;
            /** @example 2026-11-28 */
            issuedOn: string;
            meterNumber: string | null;
            payable: {
                /**
                 * @description Decimal string in the currency scale
                 * @example 12.500
                 */
                amountDue: string;
                holdReason: {
                    ar: string;
                    en: string;
                } | null;
                id: string;
                payableOnline: boolean;
                status: string;
            };
            pdfUrl: string;
            /** @example 2026-11 */
            period: string;
            /** @example 2026-11-28 */
            periodFrom: string;
            /** @example 2026-11-28 */
            periodTo: string;
            /**
             * @description Unpaid earlier bills when this one was issued (not included in amount)
             * @example 12.500
             */
            previousBalance: string;
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
        };
        BillSummaryInput: {
            accountNumber: string;
            /**
             * @description Decimal string in the currency scale
             * @example 12.500
             */
            amount: string;
            billerCode: string;
            billNumber: string;
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            consumption: string;
            currency: string;
            /** @example 2026-11-28 */
            dueDate: string;
            estimated: boolean;
            id: string;
            /** @example 2026-11-28 */
            issuedOn: string;
            meterNumber: string | null;
            payable: {
                /**
                 * @description Decimal string in the currency scale
                 * @example 12.500
                 */
                amountDue: string;
                holdReason: {
                    ar: string;
                    en: string;
                } | null;
                id: string;
                payableOnline: boolean;
                status: string;
            };
            pdfUrl: string;
            /** @example 2026-11 */
            period: string;
            /** @example 2026-11-28 */
            periodFrom: string;
            /** @example 2026-11-28 */
            periodTo: string;
            /**
             * @description Unpaid earlier bills when this one was issued (not included in amount)
             * @example 12.500
             */
            previousBalance: string;
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
        };
        CheckoutStarted: {
            amount: string;
            /** @example KWD */
            currency: string;
            paymentId: string;
            redirectUrl: string | null;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
        };
        CheckoutStartedInput: {
            amount: string;
            /** @example KWD */
            currency: string;
            paymentId: string;
            redirectUrl: string | null;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
        };
        Clearance: {
            blocking: {
                amountDue: string;
                currency: string;
                occurredAt: string;
                payableId: string;
                payableOnline: boolean;
                plate: string;
                typeAr: string;
                typeCode: string;
                typeEn: string;
                violationId: string;
                violationNumber: string;
            }[];
            checkedAt: string;
            clear: boolean;
            currency: string;
            subject: {
                civilId?: string;
                plate?: string;
            };
            totalDue: string;
        };
        ClearanceInput: {
            blocking: {
                amountDue: string;
                currency: string;
                occurredAt: string;
                payableId: string;
                payableOnline: boolean;
                plate: string;
                typeAr: string;
                typeCode: string;
                typeEn: string;
                violationId: string;
                violationNumber: string;
            }[];
            checkedAt: string;
            clear: boolean;
            currency: string;
            subject: {
                civilId?: string;
                plate?: string;
            };
            totalDue: string;
        };
        CounterDayReport: {
            businessDate: string;
            byBiller: {
                amount: string;
                billerCode: string;
                count: number;
            }[];
            byTender: {
                amount: string;
                count: number;
                /** @enum {string} */
                kind: "cash" | "card" | "cheque";
            }[];
            closed: boolean;
            closedAt: string | null;
            closedBy: string | null;
            currency: string;
            drawers: {
                cashierId: string;
                countedCash: string | null;
                counterCode: string;
                difference: string | null;
                drawerId: string;
                expectedCash: string | null;
                openingFloat: string;
                status: string;
            }[];
            officeCode: string;
            overShort: string;
            paid: string;
            paymentCount: number;
            voidCount: number;
            voided: string;
        };
        CounterDayReportInput: {
            businessDate: string;
            byBiller: {
                amount: string;
                billerCode: string;
                count: number;
            }[];
            byTender: {
                amount: string;
                count: number;
                /** @enum {string} */
                kind: "cash" | "card" | "cheque";
            }[];
            closed: boolean;
            closedAt: string | null;
            closedBy: string | null;
            currency: string;
            drawers: {
                cashierId: string;
                countedCash: string | null;
                counterCode: string;
                difference: string | null;
                drawerId: string;
                expectedCash: string | null;
                openingFloat: string;
                status: string;
            }[];
            officeCode: string;
            overShort: string;
            paid: string;
            paymentCount: number;
            voidCount: number;
            voided: string;
        };
        CounterDrawer: {
            businessDate: string;
            cashierId: string;
            closedAt: string | null;
            countedCash: string | null;
            counterId: string;
            currency: string;
            difference: string | null;
            drawerId: string;
            expectedCash: string | null;
            officeId: string;
            openedAt: string;
            openingFloat: string;
            status: string;
        };
        CounterDrawerInput: {
            businessDate: string;
            cashierId: string;
            closedAt: string | null;
            countedCash: string | null;
            counterId: string;
            currency: string;
            difference: string | null;
            drawerId: string;
            expectedCash: string | null;
            officeId: string;
            openedAt: string;
            openingFloat: string;
            status: string;
        };
        CounterOffice: {
            active: boolean;
            areaAr: string;
            areaEn: string;
            code: string;
            counters: {
                active: boolean;
                code: string;
                id: string;
                nameAr: string;
                nameEn: string;
            }[];
            id: string;
            nameAr: string;
            nameEn: string;
            offlineLimits: components["schemas"]["CounterOfflineLimits"];
        };
        CounterOfficeInput: {
            active: boolean;
            areaAr: string;
            areaEn: string;
            code: string;
            counters: {
                active: boolean;
                code: string;
                id: string;
                nameAr: string;
                nameEn: string;
            }[];
            id: string;
            nameAr: string;
            nameEn: string;
            offlineLimits: components["schemas"]["CounterOfflineLimitsInput"];
        };
        CounterOfflineLimits: {
            currency: string;
            /** @description The most one payment taken offline may be; null: no limit */
            maxPerPayment: string | null;
            /** @description The most one drawer may take offline in all; null: no limit */
            maxTotal: string | null;
        };
        CounterOfflineLimitsInput: {
            currency: string;
            /** @description The most one payment taken offline may be; null: no limit */
            maxPerPayment: string | null;
            /** @description The most one drawer may take offline in all; null: no limit */
            maxTotal: string | null;
        };
        CounterPayment: {
            amount: string;
            businessDate: string;
            changeGiven: string;
            counterCode: string;
            createdAt: string;
            /** @description What became the account's credit (a bill paid meanwhile elsewhere); 0 when all fitted */
            credited: string;
            currency: string;
            id: string;
            items: {
                amount: string;
                billerCode: string;
                payableId: string;
            }[];
            officeCode: string;
            /** @description Its receipt number came from the counter's offline block (printed while offline) */
            offlineReceipt: boolean;
            /** @description Taken offline over the office's offline limits: posted (the money was taken), flagged for the supervisor */
            overOfflineLimit: boolean;
            paymentId: string;
            receiptNumber: string;
            replayed: boolean;
            status: string;
            takenOffline: boolean;
            tenders: {
                amount: string;
                chequeBank: string | null;
                chequeNumber: string | null;
                kind: string;
                reference: string | null;
            }[];
            voidReason: string | null;
        };
        CounterPaymentInput: {
            amount: string;
            businessDate: string;
            changeGiven: string;
            counterCode: string;
            createdAt: string;
            /** @description What became the account's credit (a bill paid meanwhile elsewhere); 0 when all fitted */
            credited: string;
            currency: string;
            id: string;
            items: {
                amount: string;
                billerCode: string;
                payableId: string;
            }[];
            officeCode: string;
            /** @description Its receipt number came from the counter's offline block (printed while offline) */
            offlineReceipt: boolean;
            /** @description Taken offline over the office's offline limits: posted (the money was taken), flagged for the supervisor */
            overOfflineLimit: boolean;
            paymentId: string;
            receiptNumber: string;
            replayed: boolean;
            status: string;
            takenOffline: boolean;
            tenders: {
                amount: string;
                chequeBank: string | null;
                chequeNumber: string | null;
                kind: string;
                reference: string | null;
            }[];
            voidReason: string | null;
        };
        CounterReceiptBlock: {
            allocatedAt: string;
            blockId: string;
            counterCode: string;
            drawerId: string;
            /** @description First sequence number of the block (decimal integer) */
            first: string;
            firstReceiptNumber: string;
            last: string;
            lastReceiptNumber: string;
            officeCode: string;
            /** @description An offline receipt number is the prefix and the sequence number, six digits at least: SALMIYA-C01-X000123 */
            prefix: string;
        };
        CounterReceiptBlockInput: {
            allocatedAt: string;
            blockId: string;
            counterCode: string;
            drawerId: string;
            /** @description First sequence number of the block (decimal integer) */
            first: string;
            firstReceiptNumber: string;
            last: string;
            lastReceiptNumber: string;
            officeCode: string;
            /** @description An offline receipt number is the prefix and the sequence number, six digits at least: SALMIYA-C01-X000123 */
            prefix: string;
        };
        DayCollections: {
            byBiller: {
                amount: string;
                billerCode: string;
                count: number;
                currency: string;
                nameAr: string;
                nameEn: string;
            }[];
            byChannel: {
                amount: string;
                channel: string;
                count: number;
                currency: string;
            }[];
            date: string;
            /** @description The day starts at this instant (inclusive) */
            from: string;
            refunds: {
                amount: string;
                count: number;
                currency: string;
            }[];
            timeZone: string;
            /** @description …and ends at this one (exclusive) */
            to: string;
            totals: {
                collected: string;
                currency: string;
                net: string;
                payments: number;
                refunded: string;
            }[];
        };
        DayCollectionsInput: {
            byBiller: {
                amount: string;
                billerCode: string;
                count: number;
                currency: string;
                nameAr: string;
                nameEn: string;
            }[];
            byChannel: {
                amount: string;
                channel: string;
                count: number;
                currency: string;
            }[];
            date: string;
            /** @description The day starts at this instant (inclusive) */
            from: string;
            refunds: {
                amount: string;
                count: number;
                currency: string;
            }[];
            timeZone: string;
            /** @description …and ends at this one (exclusive) */
            to: string;
            totals: {
                collected: string;
                currency: string;
                net: string;
                payments: number;
                refunded: string;
            }[];
        };
        DemoFacts: {
            citizen: {
                civilId: string;
                nameAr: string;
                nameEn: string;
            };
            inboxes: {
                email: string | null;
                sms: string | null;
            };
            password: string;
            staff: {
                role: string;
                username: string;
            }[];
        };
        DemoFactsInput: {
            citizen: {
                civilId: string;
                nameAr: string;
                nameEn: string;
            };
            inboxes: {
                email: string | null;
                sms: string | null;
            };
            password: string;
            staff: {
                role: string;
                username: string;
            }[];
        };
        DrivingLicence: {
            category: string;
            civilId: string;
            expiresOn: string;
            id: string;
            licenceNumber: string;
        };
        DrivingLicenceInput: {
            category: string;
            civilId: string;
            expiresOn: string;
            id: string;
            licenceNumber: string;
        };
        Dues: {
            currency: string;
            /** @description Owed but not payable now (a fine held for legal process, a government account): shown apart */
            held: components["schemas"]["DuesPayable"][];
            /** @description What the held items add up to, in `currency` */
            heldTotal: string;
            /** @description What can be paid now, oldest due first */
            payables: components["schemas"]["DuesPayable"][];
            /** @description What can be paid now: the payables above, in `currency` (held items are not in it) */
            total: string;
        };
        DuesInput: {
            currency: string;
            /** @description Owed but not payable now (a fine held for legal process, a government account): shown apart */
            held: components["schemas"]["DuesPayableInput"][];
            /** @description What the held items add up to, in `currency` */
            heldTotal: string;
            /** @description What can be paid now, oldest due first */
            payables: components["schemas"]["DuesPayableInput"][];
            /** @description What can be paid now: the payables above, in `currency` (held items are not in it) */
            total: string;
        };
        DuesPayable: {
            allowsPartialPayment: boolean;
            amountDue: string;
            biller: {
                code: string;
                nameAr: string;
                nameEn: string;
            };
            currency: string;
            description: {
                ar: string;
                en: string;
            };
            dueDate: string;
            holdReason: {
                ar: string;
                en: string;
            } | null;
            id: string;
            kind: string;
            minPartialAmount: string;
            owner: {
                name: {
                    ar: string;
                    en: string;
                };
            } | null;
            payableOnline: boolean;
            reference: string | null;
            status: string;
        };
        DuesPayableInput: {
            allowsPartialPayment: boolean;
            amountDue: string;
            biller: {
                code: string;
                nameAr: string;
                nameEn: string;
            };
            currency: string;
            description: {
                ar: string;
                en: string;
            };
            dueDate: string;
            holdReason: {
                ar: string;
                en: string;
            } | null;
            id: string;
            kind: string;
            minPartialAmount: string;
            owner: {
                name: {
                    ar: string;
                    en: string;
                };
            } | null;
            payableOnline: boolean;
            reference: string | null;
            status: string;
        };
        Error: {
            code: string;
            details?: {
                [key: string]: unknown;
            };
            message: {
                ar: string;
                en: string;
            };
        };
        ErrorInput: {
            code: string;
            details?: {
                [key: string]: unknown;
            };
            message: {
                ar: string;
                en: string;
            };
        };
        FinePreview: {
            amount: string;
            currency: string;
            speedingBand: {
                overFromKmh: number;
                overToKmh: number | null;
            } | null;
            typeCode: string;
        };
        FinePreviewInput: {
            amount: string;
            currency: string;
            speedingBand: {
                overFromKmh: number;
                overToKmh: number | null;
            } | null;
            typeCode: string;
        };
        GovernmentTransfer: {
            currency: string;
            settled: {
                amount: string;
                payableId: string;
                reference: string;
            }[];
            total: string;
            transactionId: string;
            transferReference: string;
        };
        GovernmentTransferInput: {
            currency: string;
            settled: {
                amount: string;
                payableId: string;
                reference: string;
            }[];
            total: string;
            transactionId: string;
            transferReference: string;
        };
        KnetSettlementExceptions: {
            businessDate: string;
            exceptions: {
                amount: string;
                currency: string;
                detectedAt: string;
                id: string;
                /** @enum {string} */
                kind: "captured_not_posted" | "posted_but_voided";
                knetPaymentId: string | null;
                knetResult: string;
                paymentId: string;
                resolutionRef: string | null;
                /** @enum {string} */
                status: "resolved" | "open";
                tasdeedStatus: string;
                trackId: string;
            }[];
        };
        KnetSettlementExceptionsInput: {
            businessDate: string;
            exceptions: {
                amount: string;
                currency: string;
                detectedAt: string;
                id: string;
                /** @enum {string} */
                kind: "captured_not_posted" | "posted_but_voided";
                knetPaymentId: string | null;
                knetResult: string;
                paymentId: string;
                resolutionRef: string | null;
                /** @enum {string} */
                status: "resolved" | "open";
                tasdeedStatus: string;
                trackId: string;
            }[];
        };
        KnetSettlementRun: {
            agreed: number;
            attempts: number;
            businessDate: string;
            found: {
                /** @enum {string} */
                kind: "captured_not_posted" | "posted_but_voided";
                paymentId: string;
                resolutionRef: string | null;
                /** @enum {string} */
                status: "resolved" | "open";
            }[];
            unanswered: number;
        };
        KnetSettlementRunInput: {
            agreed: number;
            attempts: number;
            businessDate: string;
            found: {
                /** @enum {string} */
                kind: "captured_not_posted" | "posted_but_voided";
                paymentId: string;
                resolutionRef: string | null;
                /** @enum {string} */
                status: "resolved" | "open";
            }[];
            unanswered: number;
        };
        Me: {
            civilId?: string;
            /** @enum {string} */
            kind: "person" | "staff" | "client";
            name: {
                ar: string;
                en: string;
            };
            /** @enum {string} */
            preferredLanguage?: "ar" | "en";
            /** @enum {string} */
            role: "citizen" | "cashier" | "supervisor" | "officer" | "service" | "bank" | "station" | "camera" | "admin";
            unit?: string | null;
        };
        MeInput: {
            civilId?: string;
            /** @enum {string} */
            kind: "person" | "staff" | "client";
            name: {
                ar: string;
                en: string;
            };
            /** @enum {string} */
            preferredLanguage?: "ar" | "en";
            /** @enum {string} */
            role: "citizen" | "cashier" | "supervisor" | "officer" | "service" | "bank" | "station" | "camera" | "admin";
            unit?: string | null;
        };
        Meter: {
            dials: number;
            initialReading: string;
            /** @example 2026-11-28 */
            installedOn: string;
            meterNumber: string;
            multiplier: number;
            removedOn: string | null;
            /** @enum {string} */
            status: "active" | "removed";
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
        };
        MeterInput: {
            dials: number;
            initialReading: string;
            /** @example 2026-11-28 */
            installedOn: string;
            meterNumber: string;
            multiplier: number;
            removedOn: string | null;
            /** @enum {string} */
            status: "active" | "removed";
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
        };
        MeterReading: {
            accountNumber: string;
            code: string;
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            consumption: string;
            id: string;
            meterNumber: string;
            /** @example 2026-11-28 */
            readOn: string;
            rollover: boolean;
            /** @enum {string} */
            source: "customer" | "staff" | "import" | "install" | "removal";
            /** @enum {string} */
            status: "accepted" | "held" | "rejected";
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            value: string;
        };
        MeterReadingInput: {
            accountNumber: string;
            code: string;
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            consumption: string;
            id: string;
            meterNumber: string;
            /** @example 2026-11-28 */
            readOn: string;
            rollover: boolean;
            /** @enum {string} */
            source: "customer" | "staff" | "import" | "install" | "removal";
            /** @enum {string} */
            status: "accepted" | "held" | "rejected";
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
            /**
             * @description Whole units (kWh or imperial gallons)
             * @example 1500
             */
            value: string;
        };
        Notification: {
            address: string;
            attempts: number;
            body: string;
            category: string;
            /** @enum {string} */
            channel: "sms" | "email";
            createdAt: string;
            id: string;
            /** @enum {string} */
            language: "ar" | "en";
            lastError: string | null;
            lastErrorCode: string | null;
            nextAttemptAt: string | null;
            outboxId: string;
            personId: string | null;
            providerMessageIds: string[];
            segments: number | null;
            sentAt: string | null;
            settledAt: string | null;
            /** @description pending | sending | sent | delivered | undelivered | expired | rejected | failed | dead */
            status: string;
            subject: string | null;
            topic: string;
            updatedAt: string;
        };
        NotificationInput: {
            address: string;
            attempts: number;
            body: string;
            category: string;
            /** @enum {string} */
            channel: "sms" | "email";
            createdAt: string;
            id: string;
            /** @enum {string} */
            language: "ar" | "en";
            lastError: string | null;
            lastErrorCode: string | null;
            nextAttemptAt: string | null;
            outboxId: string;
            personId: string | null;
            providerMessageIds: string[];
            segments: number | null;
            sentAt: string | null;
            settledAt: string | null;
            /** @description pending | sending | sent | delivered | undelivered | expired | rejected | failed | dead */
            status: string;
            subject: string | null;
            topic: string;
            updatedAt: string;
        };
        /** @description Per topic group, whether SMS and email are on */
        NotificationPreferenceMatrix: {
            bills: {
                email: boolean;
                sms: boolean;
            };
            receipts: {
                email: boolean;
                sms: boolean;
            };
            reminders: {
                email: boolean;
                sms: boolean;
            };
            violations: {
                email: boolean;
                sms: boolean;
            };
        };
        /** @description Per topic group, whether SMS and email are on */
        NotificationPreferenceMatrixInput: {
            bills: {
                email: boolean;
                sms: boolean;
            };
            receipts: {
                email: boolean;
                sms: boolean;
            };
            reminders: {
                email: boolean;
                sms: boolean;
            };
            violations: {
                email: boolean;
                sms: boolean;
            };
        };
        NotificationPreferences: {
            emails: string[];
            /** @enum {string} */
            language: "ar" | "en";
            /** @description Registered phones; sms=false means this number gets no SMS (turned off, or replied STOP) */
            phones: {
                phone: string;
                sms: boolean;
            }[];
            preferences: components["schemas"]["NotificationPreferenceMatrix"];
        };
        NotificationPreferencesInput: {
            emails: string[];
            /** @enum {string} */
            language: "ar" | "en";
            /** @description Registered phones; sms=false means this number gets no SMS (turned off, or replied STOP) */
            phones: {
                phone: string;
                sms: boolean;
            }[];
            preferences: components["schemas"]["NotificationPreferenceMatrixInput"];
        };
        NotificationTemplate: {
            body: string;
            /** @enum {string} */
            channel: "sms" | "email";
            /** @enum {string} */
            language: "ar" | "en";
            subject: string | null;
            /** @enum {string} */
            topic: "bill.issued" | "bill.due_soon" | "payment.received" | "violation.recorded" | "violation.reminder" | "request.updated" | "auth.sign_in_code" | "prepaid.low_balance" | "disconnection.warning" | "disconnection.ordered" | "disconnection.done" | "reconnection.ordered" | "reconnection.done";
            updatedAt: string | null;
            updatedBy: string | null;
        };
        NotificationTemplateInput: {
            body: string;
            /** @enum {string} */
            channel: "sms" | "email";
            /** @enum {string} */
            language: "ar" | "en";
            subject: string | null;
            /** @enum {string} */
            topic: "bill.issued" | "bill.due_soon" | "payment.received" | "violation.recorded" | "violation.reminder" | "request.updated" | "auth.sign_in_code" | "prepaid.low_balance" | "disconnection.warning" | "disconnection.ordered" | "disconnection.done" | "reconnection.ordered" | "reconnection.done";
            updatedAt: string | null;
            updatedBy: string | null;
        };
        Payment: {
            amount: string;
            channel: string;
            createdAt: string;
            credit: string;
            currency: string;
            failureCode: string | null;
            gateway: {
                name: string;
                paymentId: string | null;
                trackId: string | null;
            } | null;
            paymentId: string;
            postedAt: string | null;
            receiptNumber: string | null;
            refunded: string;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
            verifyUrl: string | null;
        };
        PaymentInput: {
            amount: string;
            channel: string;
            createdAt: string;
            credit: string;
            currency: string;
            failureCode: string | null;
            gateway: {
                name: string;
                paymentId: string | null;
                trackId: string | null;
            } | null;
            paymentId: string;
            postedAt: string | null;
            receiptNumber: string | null;
            refunded: string;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
            verifyUrl: string | null;
        };
        PaymentResult: {
            amount: string;
            channel: string;
            createdAt: string;
            credit: string;
            currency: string;
            failureCode: string | null;
            gateway: {
                name: string;
                paymentId: string | null;
                trackId: string | null;
            } | null;
            items: {
                amount: string;
                payableId: string;
            }[];
            paymentId: string;
            postedAt: string | null;
            receiptNumber: string | null;
            refunded: string;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
            verifyUrl: string | null;
        };
        PaymentResultInput: {
            amount: string;
            channel: string;
            createdAt: string;
            credit: string;
            currency: string;
            failureCode: string | null;
            gateway: {
                name: string;
                paymentId: string | null;
                trackId: string | null;
            } | null;
            items: {
                amount: string;
                payableId: string;
            }[];
            paymentId: string;
            postedAt: string | null;
            receiptNumber: string | null;
            refunded: string;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
            verifyUrl: string | null;
        };
        PersonProfile: {
            civilId: string;
            emails: string[];
            id: string;
            nameAr: string;
            nameEn: string;
            phones: string[];
            /** @enum {string} */
            preferredLanguage: "ar" | "en";
        };
        PersonProfileInput: {
            civilId: string;
            emails: string[];
            id: string;
            nameAr: string;
            nameEn: string;
            phones: string[];
            /** @enum {string} */
            preferredLanguage: "ar" | "en";
        };
        PrepaidOperator: {
            civilId: string | null;
            commercialRegistration: string | null;
            currency: string;
            id: string;
            /** @enum {string} */
            kind: "person" | "company";
            nameAr: string;
            nameEn: string;
            wallet: {
                available: string;
                debt: string;
                held: string;
            };
        };
        PrepaidOperatorInput: {
            civilId: string | null;
            commercialRegistration: string | null;
            currency: string;
            id: string;
            /** @enum {string} */
            kind: "person" | "company";
            nameAr: string;
            nameEn: string;
            wallet: {
                available: string;
                debt: string;
                held: string;
            };
        };
        PrepaidStatement: {
            available: string;
            currency: string;
            debt: string;
            dispenses: {
                amount: string | null;
                gallons: number;
                id: string;
                mode: string;
                plate: string;
                settledAt: string | null;
                startedAt: string;
                stationCode: string | null;
                stationNameAr: string | null;
                stationNameEn: string | null;
                status: string;
            }[];
            held: string;
            operatorId: string;
            topups: {
                amount: string;
                creditedAt: string | null;
                id: string;
                payableId: string;
                reference: string;
                requestedAt: string;
                /**
                 * @description paid = paid and credited on the next look at the wallet
                 * @enum {string}
                 */
                status: "awaiting_payment" | "paid" | "credited" | "cancelled";
            }[];
        };
        PrepaidStatementInput: {
            available: string;
            currency: string;
            debt: string;
            dispenses: {
                amount: string | null;
                gallons: number;
                id: string;
                mode: string;
                plate: string;
                settledAt: string | null;
                startedAt: string;
                stationCode: string | null;
                stationNameAr: string | null;
                stationNameEn: string | null;
                status: string;
            }[];
            held: string;
            operatorId: string;
            topups: {
                amount: string;
                creditedAt: string | null;
                id: string;
                payableId: string;
                reference: string;
                requestedAt: string;
                /**
                 * @description paid = paid and credited on the next look at the wallet
                 * @enum {string}
                 */
                status: "awaiting_payment" | "paid" | "credited" | "cancelled";
            }[];
        };
        PrepaidStationReport: {
            /** @enum {string} */
            by: "day" | "month";
            currency: string;
            from: string;
            rows: {
                amount: string;
                day: string | null;
                dispenses: number;
                gallons: number;
                /** @description YYYY-MM-DD by day, YYYY-MM by month */
                period: string;
                stationCode: string;
                stationNameAr: string;
                stationNameEn: string;
            }[];
            to: string;
            total: {
                amount: string;
                millionGallons: string;
                pricePerThousandGallons: string | null;
            };
        };
        PrepaidStationReportInput: {
            /** @enum {string} */
            by: "day" | "month";
            currency: string;
            from: string;
            rows: {
                amount: string;
                day: string | null;
                dispenses: number;
                gallons: number;
                /** @description YYYY-MM-DD by day, YYYY-MM by month */
                period: string;
                stationCode: string;
                stationNameAr: string;
                stationNameEn: string;
            }[];
            to: string;
            total: {
                amount: string;
                millionGallons: string;
                pricePerThousandGallons: string | null;
            };
        };
        PrepaidTopup: {
            amount: string;
            currency: string;
            payableId: string;
            reference: string;
            topupId: string;
        };
        PrepaidTopupInput: {
            amount: string;
            currency: string;
            payableId: string;
            reference: string;
            topupId: string;
        };
        ReadingDecision: {
            code: string;
            /** @enum {string} */
            decision: "accepted" | "held" | "rejected";
            expected: {
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                high: string;
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                low: string;
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                units: string;
            } | null;
            message: {
                ar: string;
                en: string;
            };
            reading: components["schemas"]["MeterReading"];
        };
        ReadingDecisionInput: {
            code: string;
            /** @enum {string} */
            decision: "accepted" | "held" | "rejected";
            expected: {
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                high: string;
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                low: string;
                /**
                 * @description Whole units (kWh or imperial gallons)
                 * @example 1500
                 */
                units: string;
            } | null;
            message: {
                ar: string;
                en: string;
            };
            reading: components["schemas"]["MeterReadingInput"];
        };
        ReadingsImport: {
            accepted: number;
            held: number;
            refused: number;
            results: {
                accountNumber: string | null;
                code: string;
                consumption: string | null;
                /** @enum {string} */
                decision: "accepted" | "held" | "refused";
                line: number;
                message: {
                    ar: string;
                    en: string;
                };
                meterNumber: string | null;
                reading: string;
                readingId: string | null;
                readOn: string | null;
            }[];
            rows: number;
        };
        ReadingsImportInput: {
            accepted: number;
            held: number;
            refused: number;
            results: {
                accountNumber: string | null;
                code: string;
                consumption: string | null;
                /** @enum {string} */
                decision: "accepted" | "held" | "refused";
                line: number;
                message: {
                    ar: string;
                    en: string;
                };
                meterNumber: string | null;
                reading: string;
                readingId: string | null;
                readOn: string | null;
            }[];
            rows: number;
        };
        Receipt: {
            channel: string;
            credit: string;
            currency: string;
            gateway: {
                authCode: string | null;
                name: string;
                paymentId: string | null;
                reference: string | null;
                trackId: string | null;
                transactionId: string | null;
            } | null;
            issuingPoint: {
                ar: string;
                code: string;
                en: string;
            };
            items: {
                amount: string;
                biller: {
                    code: string;
                    nameAr: string;
                    nameEn: string;
                };
                description: {
                    ar: string;
                    en: string;
                };
                payableId: string;
                reference: string;
            }[];
            paidAt: string;
            payer: {
                civilId: string | null;
                name: {
                    ar: string;
                    en: string;
                } | null;
            };
            paymentId: string;
            receiptNumber: string;
            refunded: string;
            /** @enum {string} */
            status: "paid" | "partially_refunded" | "refunded" | "reversed";
            total: string;
            verifyUrl: string;
        };
        ReceiptInput: {
            channel: string;
            credit: string;
            currency: string;
            gateway: {
                authCode: string | null;
                name: string;
                paymentId: string | null;
                reference: string | null;
                trackId: string | null;
                transactionId: string | null;
            } | null;
            issuingPoint: {
                ar: string;
                code: string;
                en: string;
            };
            items: {
                amount: string;
                biller: {
                    code: string;
                    nameAr: string;
                    nameEn: string;
                };
                description: {
                    ar: string;
                    en: string;
                };
                payableId: string;
                reference: string;
            }[];
            paidAt: string;
            payer: {
                civilId: string | null;
                name: {
                    ar: string;
                    en: string;
                } | null;
            };
            paymentId: string;
            receiptNumber: string;
            refunded: string;
            /** @enum {string} */
            status: "paid" | "partially_refunded" | "refunded" | "reversed";
            total: string;
            verifyUrl: string;
        };
        Refund: {
            amount: string;
            currency: string;
            failureCode: string | null;
            paymentId: string;
            refundId: string;
            /** @enum {string} */
            refundStatus: "requested" | "refunded" | "failed";
            replayed: boolean;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
        };
        RefundInput: {
            amount: string;
            currency: string;
            failureCode: string | null;
            paymentId: string;
            refundId: string;
            /** @enum {string} */
            refundStatus: "requested" | "refunded" | "failed";
            replayed: boolean;
            /** @enum {string} */
            status: "pending" | "posted" | "failed" | "refunded" | "reversed" | "partially_refunded";
        };
        ReportTable: {
            columns: {
                key: string;
                /** @enum {string} */
                kind: "text" | "count" | "amount" | "percent";
                labelAr: string;
                labelEn: string;
            }[];
            filters: {
                [key: string]: string | null;
            };
            generatedAt: string;
            report: string;
            rows: {
                [key: string]: string | number | null;
            }[];
            titleAr: string;
            titleEn: string;
            /** @description One row per currency; amounts are never added across currencies */
            totals: {
                [key: string]: string | number | null;
            }[];
        };
        ReportTableInput: {
            columns: {
                key: string;
                /** @enum {string} */
                kind: "text" | "count" | "amount" | "percent";
                labelAr: string;
                labelEn: string;
            }[];
            filters: {
                [key: string]: string | null;
            };
            generatedAt: string;
            report: string;
            rows: {
                [key: string]: string | number | null;
            }[];
            titleAr: string;
            titleEn: string;
            /** @description One row per currency; amounts are never added across currencies */
            totals: {
                [key: string]: string | number | null;
            }[];
        };
        TariffVersion: {
            billerCode: string;
            category: string;
            currency: string;
            /** @example 2026-11-28 */
            effectiveFrom: string;
            /** @description Exclusive; null while current */
            effectiveTo: string | null;
            fixedMonthly: string;
            id: string;
            name: {
                ar: string;
                en: string;
            };
            source: string;
            tiers: {
                /**
                 * @description How many units the price is for (1 for per-kWh, 1000 for water per 1,000 gallons)
                 * @example 1
                 */
                perUnits: string;
                /**
                 * @description Price of `perUnits` units, in the currency scale
                 * @example 0.018
                 */
                price: string;
                /** @description Monthly consumption this block covers up to (cumulative); null for the last block */
                upTo: string | null;
            }[];
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
            /**
             * @description Value added tax on the charges, in percent (two decimals at most); 0 where there is none
             * @example 15
             */
            vatRate: string;
        };
        TariffVersionInput: {
            billerCode: string;
            category: string;
            currency: string;
            /** @example 2026-11-28 */
            effectiveFrom: string;
            /** @description Exclusive; null while current */
            effectiveTo: string | null;
            fixedMonthly: string;
            id: string;
            name: {
                ar: string;
                en: string;
            };
            source: string;
            tiers: {
                /**
                 * @description How many units the price is for (1 for per-kWh, 1000 for water per 1,000 gallons)
                 * @example 1
                 */
                perUnits: string;
                /**
                 * @description Price of `perUnits` units, in the currency scale
                 * @example 0.018
                 */
                price: string;
                /** @description Monthly consumption this block covers up to (cumulative); null for the last block */
                upTo: string | null;
            }[];
            /** @enum {string} */
            unit: "kWh" | "imp_gal";
            /**
             * @description Value added tax on the charges, in percent (two decimals at most); 0 where there is none
             * @example 15
             */
            vatRate: string;
        };
        UtilityAccount: {
            accountNumber: string;
            address: {
                ar: string;
                en: string;
            };
            area: {
                ar: string;
                en: string;
            };
            billerCode: string;
            /** @enum {string} */
            category: "residential" | "commercial" | "industrial" | "investment" | "service" | "agricultural" | "chalets" | "government";
            categoryName: {
                ar: string;
                en: string;
            };
            collectedOnline: boolean;
            meters: components["schemas"]["Meter"][];
            owner: {
                civilId: string | null;
                name: {
                    ar: string;
                    en: string;
                } | null;
            };
            /** @enum {string} */
            status: "active" | "disconnected" | "closed";
        };
        UtilityAccountInput: {
            accountNumber: string;
            address: {
                ar: string;
                en: string;
            };
            area: {
                ar: string;
                en: string;
            };
            billerCode: string;
            /** @enum {string} */
            category: "residential" | "commercial" | "industrial" | "investment" | "service" | "agricultural" | "chalets" | "government";
            categoryName: {
                ar: string;
                en: string;
            };
            collectedOnline: boolean;
            meters: components["schemas"]["MeterInput"][];
            owner: {
                civilId: string | null;
                name: {
                    ar: string;
                    en: string;
                } | null;
            };
            /** @enum {string} */
            status: "active" | "disconnected" | "closed";
        };
        Vehicle: {
            colour: string;
            id: string;
            make: string;
            model: string;
            modelYear: number | null;
            nextInspectionOn: string | null;
            ownerCivilId: string;
            plate: string;
            registrationExpiresOn: string;
        };
        VehicleInput: {
            colour: string;
            id: string;
            make: string;
            model: string;
            modelYear: number | null;
            nextInspectionOn: string | null;
            ownerCivilId: string;
            plate: string;
            registrationExpiresOn: string;
        };
        Violation: {
            amount: string;
            amountDue: string;
            currency: string;
            /** @enum {string} */
            detail: "full" | "masked";
            dueDate: string | null;
            evidenceRef?: string | null;
            holdReason: {
                ar: string;
                en: string;
            } | null;
            id: string;
            /** @description null for a stranger */
            limitKmh: number | null;
            notifiedAt?: string | null;
            objection: {
                id: string;
                status: string;
            } | null;
            occurredAt?: string;
            /**
             * @description The day it happened; absent for a stranger (a look-up by plate or civil ID by someone else)
             * @example 2026-11-28
             */
            occurredOn?: string;
            /** @description Masked unless the caller is the owner or traffic staff */
            ownerCivilId: string | null;
            payableId: string | null;
            payableOnline: boolean;
            place?: {
                ar: string;
                en: string;
                latitude: number | null;
                longitude: number | null;
            };
            plate: string;
            recordedAt?: string;
            /** @description null for a stranger */
            speedKmh: number | null;
            /** @enum {string} */
            status: "unpaid" | "partially_paid" | "paid" | "cancelled";
            type: {
                code: string;
                nameAr: string;
                nameEn: string;
            };
            violationNumber: string;
        };
        ViolationInput: {
            amount: string;
            amountDue: string;
            currency: string;
            /** @enum {string} */
            detail: "full" | "masked";
            dueDate: string | null;
            evidenceRef?: string | null;
            holdReason: {
                ar: string;
                en: string;
            } | null;
            id: string;
            /** @description null for a stranger */
            limitKmh: number | null;
            notifiedAt?: string | null;
            objection: {
                id: string;
                status: string;
            } | null;
            occurredAt?: string;
            /**
             * @description The day it happened; absent for a stranger (a look-up by plate or civil ID by someone else)
             * @example 2026-11-28
             */
            occurredOn?: string;
            /** @description Masked unless the caller is the owner or traffic staff */
            ownerCivilId: string | null;
            payableId: string | null;
            payableOnline: boolean;
            place?: {
                ar: string;
                en: string;
                latitude: number | null;
                longitude: number | null;
            };
            plate: string;
            recordedAt?: string;
            /** @description null for a stranger */
            speedKmh: number | null;
            /** @enum {string} */
            status: "unpaid" | "partially_paid" | "paid" | "cancelled";
            type: {
                code: string;
                nameAr: string;
                nameEn: string;
            };
            violationNumber: string;
        };
        ViolationObjection: {
            civilId: string;
            createdAt: string;
            decidedAt: string | null;
            decisionReason: string | null;
            id: string;
            reason: string;
            /** @enum {string} */
            status: "pending" | "upheld" | "cancelled";
            violationId: string;
        };
        ViolationObjectionInput: {
            civilId: string;
            createdAt: string;
            decidedAt: string | null;
            decisionReason: string | null;
            id: string;
            reason: string;
            /** @enum {string} */
            status: "pending" | "upheld" | "cancelled";
            violationId: string;
        };
        ViolationType: {
            amount: string;
            code: string;
            currency: string;
            holdReason: {
                ar: string;
                en: string;
            } | null;
            isSpeeding: boolean;
            nameAr: string;
            nameEn: string;
            payableOnline: boolean;
            speedingBands: {
                amount: string;
                overFromKmh: number;
                overToKmh: number | null;
            }[];
        };
        ViolationTypeInput: {
            amount: string;
            code: string;
            currency: string;
            holdReason: {
                ar: string;
                en: string;
            } | null;
            isSpeeding: boolean;
            nameAr: string;
            nameEn: string;
            payableOnline: boolean;
            speedingBands: {
                amount: string;
                overFromKmh: number;
                overToKmh: number | null;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
