import { defineEmail } from './context';
import { CodeBox, EmailLayout, Paragraph } from './layout';

/** The code for the second step of a sign-in, when the person chose emailed codes. */
export const twoStepCode = defineEmail<{ name: string | null; minutes: number }, { code: string }>({
  subject: ({ t, siteName }) => t('twoStepCode.subject', { siteName }),
  render(context, props, secrets) {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t('twoStepCode.preview', { minutes: props.minutes })} heading={t('twoStepCode.heading')} name={props.name}>
        <Paragraph>{t('twoStepCode.body', { minutes: props.minutes })}</Paragraph>
        <CodeBox code={secrets.code} />
        <Paragraph>{t('twoStepCode.notYou')}</Paragraph>
      </EmailLayout>
    );
  },
  preview: { props: { name: 'Emma Brown', minutes: 10 }, secrets: { code: '482913' } },
});
