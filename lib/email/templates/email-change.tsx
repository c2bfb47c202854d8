import { defineEmail } from './context';
import { EmailLayout, Paragraph } from './layout';
import { linkAndCodeEmail } from './link-and-code';

/** To the new address: its link and code prove it belongs to the person. */
export const emailChangeVerify = linkAndCodeEmail('emailChangeVerify', '/account/email/verify', {
  props: { name: 'Camille Dubois', linkMinutes: 60, codeMinutes: 15 },
  secrets: { token: 'preview-token-not-valid', code: '518203' },
});

/** To the old address, when a change is asked for and when it is done: "this wasn't me" stops or undoes it. */
function oldAddressNotice(key: 'emailChangeRequested' | 'emailChanged') {
  return defineEmail<{ name: string | null; newEmail: string }, { token: string }>({
    subject: ({ t, siteName }) => t(`${key}.subject`, { siteName }),
    render(context, props, secrets) {
      const { t } = context;
      return (
        <EmailLayout
          context={context}
          preview={t(`${key}.preview`, { newEmail: props.newEmail })}
          heading={t(`${key}.heading`)}
          name={props.name}
          action={{ label: t(`${key}.button`), url: context.link(`/account/email/not-me?token=${secrets.token}`) }}
        >
          <Paragraph>{t(`${key}.body`, { newEmail: props.newEmail })}</Paragraph>
          <Paragraph>{t(`${key}.ifYou`)}</Paragraph>
          <Paragraph>{t(`${key}.notYou`)}</Paragraph>
        </EmailLayout>
      );
    },
    preview: { props: { name: 'Camille Dubois', newEmail: 'camille.nouvelle@example.com' }, secrets: { token: 'preview-token-not-valid' } },
  });
}

export const emailChangeRequested = oldAddressNotice('emailChangeRequested');
export const emailChanged = oldAddressNotice('emailChanged');
