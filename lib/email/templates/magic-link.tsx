import { defineEmail } from './context';
import { CodeBox, EmailLayout, Paragraph } from './layout';

export const magicLink = defineEmail<
  { name: string | null; linkMinutes: number; codeMinutes: number },
  { token: string; code: string }
>({
  subject: ({ t, siteName }) => t('magicLink.subject', { siteName }),
  render(context, props, secrets) {
    const { t } = context;
    return (
      <EmailLayout
        context={context}
        preview={t('magicLink.preview', { minutes: props.linkMinutes })}
        heading={t('magicLink.heading')}
        name={props.name}
        action={{ label: t('magicLink.button'), url: context.link(`/magic-link/confirm?token=${secrets.token}`) }}
        afterAction={
          <>
            <Paragraph>{t('magicLink.codeIntro', { minutes: props.codeMinutes })}</Paragraph>
            <CodeBox code={secrets.code} />
            <Paragraph>{t('magicLink.notYou')}</Paragraph>
          </>
        }
      >
        <Paragraph>{t('magicLink.body', { minutes: props.linkMinutes })}</Paragraph>
      </EmailLayout>
    );
  },
  preview: {
    props: { name: 'Camille Dubois', linkMinutes: 15, codeMinutes: 15 },
    secrets: { token: 'preview-token-not-valid', code: '730264' },
  },
});
