// How a module declares its error codes: status, Arabic and English message per code. `defineErrors` only returns
// its argument with literal keys kept, so the catalogue (./catalogue.ts) can build the union of every code and a
// misspelt code in `new AppError('…')` fails the typecheck instead of answering 500 at run time.
export interface ErrorDefinition {
  status: number;
  ar: string;
  en: string;
}

export function defineErrors<const T extends Record<string, ErrorDefinition>>(definitions: T): T {
  return definitions;
}
