import { defineEmail, formatWhen } from './context';
import { EmailLayout, Paragraph } from './layout';

export const passwordChanged = defineEmail<{ name: string | null; changedAt: string }>({
  subject: ({ t, siteName }) => t('passwordChanged.subject', { siteName }),
  render(context, props) {
    const { t, siteName } = context;
    const date = formatWhen(context, props.changedAt);
    return (
      <EmailLayout
        context={context}
        preview={t('passwordChanged.preview', { date })}
        heading={t('passwordChanged.heading')}
        name={props.name}
        action={{ label: t('passwordChanged.button'), url: context.link('/forgot-password') }}
      >
        <Paragraph>{t('passwordChanged.body', { siteName, date })}</Paragraph>
        <Paragraph>{t('passwordChanged.ifYou')}</Paragraph>
        <Paragraph>{t('passwordChanged.notYou')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Camille Dubois', changedAt: '2026-11-21T14:30:00Z' }, secrets: {} },
});
