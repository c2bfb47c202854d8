import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { z } from 'zod';
import { findMailboxMessage } from '@/lib/db/outbox';
import { mailboxOpenTo } from '@/lib/email/mailbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestAddresses } from '@/lib/request-info';

type Props = { params: Promise<{ locale: AppLocale; id: string }> };

export const metadata: Metadata = { robots: { index: false } };

export default async function MailboxMessagePage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  if (!mailboxOpenTo(await requestAddresses()) || !z.uuid().safeParse(id).success) notFound();
  const message = await findMailboxMessage(id);
  if (!message) notFound();
  const t = await getTranslations({ locale, namespace: 'DevMailbox' });
  const format = await getFormatter({ locale });

  return (
    <section className="card wide">
      <p>
        <a href={`/${locale}/dev/mailbox`}>{t('back')}</a>
      </p>
      <h1 lang={message.locale}>{message.subject}</h1>
      <dl className="details">
        <div>
          <dt>{t('to')}</dt>
          <dd>{message.recipient}</dd>
        </div>
        <div>
          <dt>{t('received')}</dt>
          <dd>{format.dateTime(message.receivedAt, { dateStyle: 'long', timeStyle: 'medium' })}</dd>
        </div>
      </dl>
      <h2>{t('html')}</h2>
      {/* A sandbox without scripts: the email is shown as a mail client would, inert. */}
      <iframe className="email-frame" title={message.subject} sandbox="" srcDoc={message.html} />
      <h2>{t('text')}</h2>
      <pre className="email-text" lang={message.locale}>
        {message.text}
      </pre>
    </section>
  );
}
