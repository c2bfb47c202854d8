import { defineEmail, formatTime } from './context';
import { EmailLayout, Paragraph } from './layout';

export const accountLocked = defineEmail<{ name: string | null; until: string }>({
  subject: ({ t, siteName }) => t('accountLocked.subject', { siteName }),
  render(context, props) {
    const { t } = context;
    const time = formatTime(context, props.until);
    return (
      <EmailLayout
        context={context}
        preview={t('accountLocked.preview', { time })}
        heading={t('accountLocked.heading')}
        name={props.name}
        action={{ label: t('accountLocked.button'), url: context.link('/forgot-password') }}
      >
        <Paragraph>{t('accountLocked.body', { time })}</Paragraph>
        <Paragraph>{t('accountLocked.ifYou')}</Paragraph>
        <Paragraph>{t('accountLocked.notYou')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', until: '2026-11-21T15:30:00Z' }, secrets: {} },
});
