import { getFormatter, getTranslations } from 'next-intl/server';
import type { SecretOnDisplay } from '@/lib/admin/secret-on-display';
import { env } from '@/lib/env';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { PrintButton } from './print-button';

/**
 * The access code, shown once, laid out to be printed on its own: the print style keeps only
 * this sheet, which says where to go and until when.
 */
export async function AccessCodeSheet({
  locale,
  held,
  name,
  userLocale,
  done,
}: {
  locale: AppLocale;
  held: SecretOnDisplay;
  name: string;
  userLocale: AppLocale;
  done: (posted: FormData) => Promise<void>;
}) {
  const [t, format] = await Promise.all([getTranslations({ locale, namespace: 'Admin.user.accessCode' }), getFormatter({ locale })]);
  // The address in the person's own language: it is their page the sheet sends them to.
  const url = `${env().APP_URL}${getPathname({ href: '/forgot-password/access-code', locale: userLocale })}`;
  const date = format.dateTime(new Date(held.expiresAt), { dateStyle: 'long', timeStyle: 'short', timeZoneName: 'short' });
  return (
    <section aria-labelledby="access-code-title" className="stack printable">
      <h2 id="access-code-title">{t('title')}</h2>
      <p>{t('intro', { name })}</p>
      <p className="access-code">
        <code translate="no" data-testid="access-code">
          {held.secret}
        </code>
      </p>
      <p>{t('howTo', { url })}</p>
      <p>{t('expires', { date })}</p>
      <div className="actions no-print">
        <PrintButton label={t('print')} />
        <form action={done}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="userId" value={held.targetId} />
          <button type="submit">{t('done')}</button>
        </form>
      </div>
    </section>
  );
}
