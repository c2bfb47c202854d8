import type { Messages } from '@/lib/i18n/message-cache';
import { defineEmail, formatWhen } from './context';
import { EmailLayout, Paragraph } from './layout';

export type SecurityEvent = keyof Messages['Emails']['securityNotice']['events'];

/** The generic "was this you?" notice for security changes that have no email of their own. */
export const securityNotice = defineEmail<{
  name: string | null;
  event: SecurityEvent;
  occurredAt: string;
}>({
  subject: ({ t, siteName }) => t('securityNotice.subject', { siteName }),
  render(context, props) {
    const { t } = context;
    const date = formatWhen(context, props.occurredAt);
    const event = t(`securityNotice.events.${props.event}`);
    return (
      <EmailLayout
        context={context}
        preview={t('securityNotice.preview', { event, date })}
        heading={t('securityNotice.heading')}
        name={props.name}
        action={{ label: t('securityNotice.button'), url: context.link('/account') }}
      >
        <Paragraph>{t('securityNotice.body', { event })}</Paragraph>
        <Paragraph>{t('securityNotice.when', { date })}</Paragraph>
        <Paragraph>{t('securityNotice.ifYou')}</Paragraph>
        <Paragraph>{t('securityNotice.notYou')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: {
    props: { name: 'Emma Brown', event: 'twoStepEnabled', occurredAt: '2026-11-21T09:05:00Z' },
    secrets: {},
  },
});
