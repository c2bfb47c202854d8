import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { listMailbox } from '@/lib/db/outbox';
import { mailboxOpenTo } from '@/lib/email/mailbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestAddresses } from '@/lib/request-info';
import { DataTable } from '@/components/data-table';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'DevMailbox' });
  return { title: t('title'), robots: { index: false } };
}

export default async function MailboxPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (!mailboxOpenTo(await requestAddresses())) notFound();
  const t = await getTranslations({ locale, namespace: 'DevMailbox' });
  const languages = await getTranslations({ locale, namespace: 'LanguageNames' });
  const format = await getFormatter({ locale });
  const messages = await listMailbox();

  return (
    <section className="card wide">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {messages.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <DataTable columns={[t('received'), t('to'), t('subject'), t('language')]}>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>{format.dateTime(message.receivedAt, { dateStyle: 'short', timeStyle: 'medium' })}</td>
              <td>{message.recipient}</td>
              <td>
                <a href={`/${locale}/dev/mailbox/${message.id}`}>{message.subject}</a>
              </td>
              <td>{languages(message.locale)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
