// On a demo server (`npm start`), the home page tells a first-time visitor what to type and where to look:
// the demo civil ID and password, and the simulated SMS and email inboxes where the messages after a payment land.
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/index.js';
import { useAsync } from '../../lib/use-async.js';
import { fetchDemoFacts } from './demo.api.js';

export function DemoBanner() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const demo = useAsync((signal) => fetchDemoFacts(undefined, signal).catch(() => null), []);
  const facts = demo.data;
  if (!facts) return null;
  const link = 'font-bold text-brand-800 underline underline-offset-2';
  return (
    <aside aria-labelledby="demo-heading" data-testid="demo-banner" className="mb-6 rounded-xl border-s-4 border-amber-600 bg-amber-50 p-5 text-slate-900">
      <h2 id="demo-heading" className="mb-2 text-lg font-bold">
        {t('demo.title')}
      </h2>
      <ol className="ms-5 flex list-decimal flex-col gap-1">
        <li>
          {t('demo.tryCivilId')} <bdi className="tabular font-bold" data-testid="demo-civil-id">{facts.citizen.civilId}</bdi> (
          <bdi>{language === 'ar' ? facts.citizen.nameAr : facts.citizen.nameEn}</bdi>)
        </li>
        <li>{t('demo.payWithCard')}</li>
        <li>
          {t('demo.seeMessages')}{' '}
          {facts.inboxes.sms && (
            <a href={facts.inboxes.sms} target="_blank" rel="noopener" className={link} data-testid="demo-sms-inbox">
              {t('demo.smsInbox')}
            </a>
          )}
          {facts.inboxes.sms && facts.inboxes.email && ` ${t('demo.and')} `}
          {facts.inboxes.email && (
            <a href={facts.inboxes.email} target="_blank" rel="noopener" className={link} data-testid="demo-email-inbox">
              {t('demo.emailInbox')}
            </a>
          )}
          {!facts.inboxes.sms && !facts.inboxes.email && t('demo.noInboxes')}
        </li>
        <li>
          {t('demo.signInAs')} <bdi className="tabular font-bold">{facts.citizen.civilId}</bdi> {t('demo.withPassword')}{' '}
          <bdi className="font-bold" data-testid="demo-password">{facts.password}</bdi>
          {facts.staff.length > 0 && (
            <>
              {' · '}
              {t('demo.staff')} <bdi className="font-bold">{facts.staff.map((s) => s.username).join(', ')}</bdi>
            </>
          )}
        </li>
      </ol>
    </aside>
  );
}
