import { Body, Button, Container, Head, Heading, Html, Img, Link, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import type { EmailContext } from './context';

// Every text colour keeps 4.5:1 against the white card and the grey page.
const colours = { ink: '#1d2433', muted: '#5b6478', brand: '#2f5bd3', link: '#2448ad', paper: '#f6f7fb', line: '#d9dde7' };

const styles = {
  body: { backgroundColor: colours.paper, color: colours.ink, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', margin: 0, padding: '24px 0' },
  container: { maxWidth: '560px', margin: '0 auto', padding: '0 16px' },
  brand: { fontSize: '20px', lineHeight: '32px', fontWeight: 700, color: colours.link, margin: '0 0 16px' },
  logo: { display: 'inline-block', verticalAlign: 'middle', marginRight: '10px', border: 0 },
  card: { backgroundColor: '#ffffff', border: `1px solid ${colours.line}`, borderRadius: '12px', padding: '24px 28px' },
  heading: { fontSize: '22px', margin: '0 0 16px' },
  text: { fontSize: '15px', lineHeight: '22px', margin: '0 0 14px' },
  button: { backgroundColor: colours.brand, color: '#ffffff', borderRadius: '8px', padding: '12px 20px', fontWeight: 600, fontSize: '15px', textDecoration: 'none' },
  small: { fontSize: '13px', lineHeight: '19px', color: colours.muted, margin: '16px 0 0' },
  // Only the address may break anywhere: it has no words to keep whole.
  url: { color: colours.link, wordBreak: 'break-all' as const },
  code: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: '28px', lineHeight: '36px', letterSpacing: '6px', fontWeight: 700, textAlign: 'center' as const, backgroundColor: colours.paper, border: `1px solid ${colours.line}`, borderRadius: '8px', padding: '12px 0', margin: '4px 0 18px' },
  footer: { fontSize: '12px', lineHeight: '18px', color: colours.muted, margin: '16px 4px 0' },
};

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** A one-time code, large and easy to copy; spaced for reading, accepted with or without spaces. */
export function CodeBox({ code }: { code: string }) {
  return <Text style={styles.code}>{code}</Text>;
}

/**
 * The branded frame shared by every email: greeting, one optional call to action with its
 * address spelled out (some clients strip buttons), signature and the "why you got this" line.
 */
export function EmailLayout({
  context,
  preview,
  heading,
  name,
  action,
  afterAction,
  children,
}: {
  context: EmailContext;
  preview: string;
  heading: string;
  name?: string | null;
  action?: { label: string; url: string };
  /** What follows the button, such as the code that works instead of the link. */
  afterAction?: ReactNode;
  children: ReactNode;
}) {
  const { t, siteName, recipient, locale } = context;
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <title>{context.subject}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>
            <Img src={context.logoUrl} alt="" width="32" height="32" style={styles.logo} />
            {siteName}
          </Text>
          <Section style={styles.card}>
            <Heading as="h1" style={styles.heading}>
              {heading}
            </Heading>
            <Paragraph>{name ? t('layout.greeting', { name }) : t('layout.greetingNoName')}</Paragraph>
            {children}
            {action && (
              <>
                <Button href={action.url} style={styles.button}>
                  {action.label}
                </Button>
                <Text style={styles.small}>
                  {t('layout.buttonFallback')}
                  <br />
                  <Link href={action.url} style={styles.url}>
                    {action.url}
                  </Link>
                </Text>
              </>
            )}
            {afterAction}
            <Paragraph>{t('layout.signature', { siteName })}</Paragraph>
          </Section>
          <Text style={styles.footer}>
            {t('layout.footer', { siteName, email: recipient })} {t('layout.automatic')}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
