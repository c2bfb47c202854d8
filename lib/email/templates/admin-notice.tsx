import type { Messages } from '@/lib/i18n/message-cache';
import { defineEmail, formatWhen } from './context';
import { EmailLayout, Paragraph } from './layout';

export type AdminNoticeEvent = keyof Messages['Emails']['adminNotice']['events'];

/** What an administrator or manager did to someone's account, told to its owner. */
export const adminNotice = defineEmail<{ name: string | null; event: AdminNoticeEvent; occurredAt: string }>({
  subject: ({ t, siteName }) => t('adminNotice.subject', { siteName }),
  render(context, props) {
    const { t, siteName } = context;
    const date = formatWhen(context, props.occurredAt);
    const event = t(`adminNotice.events.${props.event}`);
    return (
      <EmailLayout
        context={context}
        preview={t('adminNotice.preview', { event, date })}
        heading={t('adminNotice.heading')}
        name={props.name}
        action={{ label: t('adminNotice.button'), url: context.link('/login') }}
      >
        <Paragraph>{t('adminNotice.body', { siteName, event })}</Paragraph>
        <Paragraph>{t('adminNotice.when', { date })}</Paragraph>
        <Paragraph>{t(`adminNotice.next.${props.event}`)}</Paragraph>
        <Paragraph>{t('adminNotice.notExpected')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', event: 'unlocked', occurredAt: '2026-11-21T14:30:00Z' }, secrets: {} },
});
