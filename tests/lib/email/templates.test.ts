import { describe, expect, it } from 'vitest';
import { MissingTranslationError, renderEmail } from '@/lib/email/render';
import { emailTemplates, type EmailTemplateName } from '@/lib/email/templates';
import { shippedMessages, type Messages } from '@/lib/i18n/message-cache';

const names = Object.keys(emailTemplates) as EmailTemplateName[];

function render(template: EmailTemplateName, locale: 'en' | 'fr', messages?: Messages, props?: unknown) {
  const { preview } = emailTemplates[template];
  return renderEmail(
    { template, locale, recipient: 'camille@example.com', props: props ?? preview.props, secrets: preview.secrets },
    messages ?? shippedMessages(locale),
  );
}

const cloneMessages = (locale: 'en' | 'fr'): Messages => structuredClone(shippedMessages(locale));

describe('email templates', () => {
  it.each(names.flatMap((name) => [[name, 'en'] as const, [name, 'fr'] as const]))(
    '%s renders in %s, HTML and plain text, with no raw message id',
    async (name, locale) => {
      const email = await render(name, locale);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.text.length).toBeGreaterThan(100);
      expect(email.text).not.toMatch(/<[a-z]+[\s>]/i);
      for (const output of [email.subject, email.html, email.text]) {
        expect(output).not.toMatch(/Emails\.|\b(layout|passwordChanged|accountLocked|securityNotice)\.[a-z]/);
      }
      expect(email.text).toContain('camille@example.com');
    },
  );

  it.each(names)('%s says different words in English and French', async (name) => {
    const [english, french] = await Promise.all([render(name, 'en'), render(name, 'fr')]);
    expect(french.subject).not.toBe(english.subject);
    expect(french.text).not.toBe(english.text);
  });

  it.each(names.flatMap((name) => [[name, 'en'] as const, [name, 'fr'] as const]))(
    '%s in %s is readable: its subject as title, the logo, links of 4.5:1 contrast, words kept whole',
    async (name, locale) => {
      const email = await render(name, locale);
      const escaped = email.subject.replace(/&/g, '&amp;').replace(/'/g, '&#x27;');
      expect(email.html).toContain(`<title>${escaped}</title>`);
      expect(email.html).toMatch(/<img alt="" height="32" src="http:\/\/localhost:3000\/logo.png"/);
      // Only an address may be cut anywhere; sentences (French ones above all) break between words.
      for (const [element] of email.html.matchAll(/<[a-z]+[^>]*word-break:break-all[^>]*>/g)) {
        expect(element).toMatch(/^<a /);
      }
      for (const [, color] of email.html.matchAll(/<a [^>]*style="[^"]*color:(#[0-9a-f]{6})/gi)) {
        expect(['#2448ad', '#ffffff']).toContain(color!.toLowerCase());
      }
      // A one-time code's line is at least as tall as its digits.
      for (const [, size, height] of email.html.matchAll(/font-size:(\d+)px;line-height:(\d+)px/g)) {
        expect(Number(height)).toBeGreaterThanOrEqual(Number(size));
      }
    },
  );

  it('formats dates and times the way each language writes them', async () => {
    const props = { name: 'Camille', changedAt: '2026-11-21T14:30:00Z' };
    expect((await render('passwordChanged', 'en', undefined, props)).text).toContain('November 21, 2026');
    expect((await render('passwordChanged', 'fr', undefined, props)).text).toContain('21 novembre 2026');
  });

  it('builds links from APP_URL in the email’s language', async () => {
    const email = await render('accountLocked', 'fr');
    expect(email.html).toContain('href="http://localhost:3000/fr/forgot-password"');
  });

  it('refuses to render when a message is missing, rather than sending its id', async () => {
    const messages = cloneMessages('fr');
    delete (messages.Emails.accountLocked as Partial<Messages['Emails']['accountLocked']>).heading;
    await expect(render('accountLocked', 'fr', messages)).rejects.toBeInstanceOf(MissingTranslationError);
  });

  it('refuses a translation carrying tags it does not declare, rather than sending them', async () => {
    const messages = cloneMessages('en');
    messages.Emails.accountLocked.body = 'Click <a>here</a> before {time} <script>';
    await expect(render('accountLocked', 'en', messages)).rejects.toBeInstanceOf(MissingTranslationError);
  });

  it('shows markup quoted in a translation as text, escaped', async () => {
    const messages = cloneMessages('en');
    messages.Emails.accountLocked.body = "Click '<a href=\"https://evil.test\">'here'</a>' before {time}";
    const email = await render('accountLocked', 'en', messages);
    expect(email.html).toContain('&lt;a href=&quot;https://evil.test&quot;&gt;here&lt;/a&gt;');
    expect(email.html).not.toContain('<a href="https://evil.test"');
  });

  it('escapes what people typed, such as their name', async () => {
    const email = await render('passwordChanged', 'en', undefined, {
      name: '<img src=x onerror=alert(1)>',
      changedAt: '2026-11-21T14:30:00Z',
    });
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
