import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { translationOverrides } from '@/lib/db/schema';
import { announceTranslationsChanged } from '@/lib/db/translations';
import { renderEmail } from '@/lib/email/render';
import { emailTemplates, type EmailTemplateName } from '@/lib/email/templates';
import { flattenCatalogue, type Catalogue } from '@/lib/i18n/catalogue';
import { shippedMessages } from '@/lib/i18n/message-cache';
import { forgetLoadedMessages } from '@/lib/messages/message-source';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();

// Every message, published with a marker before and after it: anything an email says in words
// must then sit between markers, or it came from somewhere an editor cannot reach.
const OPEN = '⟦';
const CLOSE = '⟧';

async function publishEveryKeyMarked() {
  const rows = (['en', 'fr'] as const).flatMap((locale) =>
    [...flattenCatalogue(shippedMessages(locale) as unknown as Catalogue)].map(([key, text]) => ({ locale, key, published: `${OPEN}${text}${CLOSE}` })),
  );
  await db().transaction(async (tx) => {
    for (let index = 0; index < rows.length; index += 200) await tx.insert(translationOverrides).values(rows.slice(index, index + 200));
    await announceTranslationsChanged(tx);
  });
  forgetLoadedMessages();
}

/** The words of a plain-text email outside every marked message, data (names, links, codes) removed. */
function unmarkedWords(text: string, data: string[]): string[] {
  let rest = text;
  // Innermost first: a marked message may hold another one (the site name inside a sentence).
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'g'), ' ');
  }
  // Links first: a data value (a language code, say) may also sit inside one.
  rest = rest.replace(/https?:\/\/\S+/g, ' ');
  for (const value of data) rest = rest.split(value).join(' ');
  return rest.split(/\s+/).filter((word) => /\p{L}/u.test(word));
}

describe('published overrides reach every word of every email', () => {
  beforeAll(publishEveryKeyMarked);

  it.each((Object.keys(emailTemplates) as EmailTemplateName[]).flatMap((name) => [[name, 'en'] as const, [name, 'fr'] as const]))(
    '%s in %s',
    async (template, locale) => {
      const { props, secrets } = emailTemplates[template].preview;
      const recipient = 'camille@example.com';
      const email = await renderEmail({ template, locale, recipient, props, secrets });
      const data = [recipient, ...Object.values(props as Record<string, unknown>), ...Object.values(secrets as Record<string, unknown>)]
        .filter((value): value is string => typeof value === 'string');
      expect(email.subject.startsWith(OPEN)).toBe(true);
      expect(unmarkedWords(email.text, data)).toEqual([]);
    },
  );
});
