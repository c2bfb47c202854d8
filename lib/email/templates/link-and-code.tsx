import { defineEmail } from './context';
import { CodeBox, EmailLayout, Paragraph } from './layout';

type Props = { name: string | null; linkMinutes: number; codeMinutes: number };
type Secrets = { token: string; code: string };

/**
 * An email carrying both a link and a code: a scanner that opens the link spends nothing, and
 * either one works on the page where the person asked.
 */
export function linkAndCodeEmail(key: 'passwordReset' | 'magicLink' | 'emailChangeVerify', path: string, preview: { props: Props; secrets: Secrets }) {
  return defineEmail<Props, Secrets>({
    subject: ({ t, siteName }) => t(`${key}.subject`, { siteName }),
    render(context, props, secrets) {
      const { t } = context;
      return (
        <EmailLayout
          context={context}
          preview={t(`${key}.preview`, { minutes: props.linkMinutes })}
          heading={t(`${key}.heading`)}
          name={props.name}
          action={{ label: t(`${key}.button`), url: context.link(`${path}?token=${secrets.token}`) }}
          afterAction={
            <>
              <Paragraph>{t(`${key}.codeIntro`, { minutes: props.codeMinutes })}</Paragraph>
              <CodeBox code={secrets.code} />
              <Paragraph>{t(`${key}.notYou`)}</Paragraph>
            </>
          }
        >
          <Paragraph>{t(`${key}.body`, { minutes: props.linkMinutes })}</Paragraph>
        </EmailLayout>
      );
    },
    preview,
  });
}
