// "Look up by": civil ID, account number, meter number or plate, then the number itself. The API decides whether
// a number is valid (one authority, one wording); the form only refuses an empty box.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { TextField } from '../../components/TextField.js';
import { LOOKUP_KINDS, normaliseLookupValue, type LookupKind } from './dues.api.js';

/** `fieldError`: the API's refusal of the number itself (not valid, not found), shown at the box, not under the button. */
export function LookupForm({ busy, onLookup, initial, fieldError }: { busy: boolean; onLookup: (kind: LookupKind, value: string) => void; initial?: { kind: LookupKind; value: string } | null; fieldError?: string | undefined }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LookupKind>(initial?.kind ?? 'civilId');
  const [value, setValue] = useState(initial?.value ?? '');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const cleaned = normaliseLookupValue(kind, value);
    setMissing(!cleaned);
    if (cleaned) onLookup(kind, cleaned);
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-busy={busy}>
      <fieldset>
        <legend className="mb-2 font-bold">{t('quickPay.lookUpBy')}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {LOOKUP_KINDS.map((option) => (
            <label
              key={option}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-slate-400 bg-white px-3 py-2 has-[:checked]:border-brand-800 has-[:checked]:bg-brand-50 has-[:checked]:font-bold has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus"
            >
              <input
                type="radio"
                name="lookupKind"
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
                className="size-5 accent-brand-800"
              />
              {t(`quickPay.kinds.${option}.label`)}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        label={t(`quickPay.kinds.${kind}.label`)}
        hint={t(`quickPay.kinds.${kind}.hint`)}
        name={kind}
        inputMode={kind === 'civilId' ? 'numeric' : 'text'}
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={missing ? t(`quickPay.kinds.${kind}.missing`) : fieldError}
      />
      <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:self-start">
        {busy ? t('quickPay.searching') : t('quickPay.search')}
      </Button>
    </form>
  );
}
