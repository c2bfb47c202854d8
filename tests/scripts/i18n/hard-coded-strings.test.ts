import { describe, expect, it } from 'vitest';
import { describeHardCodedString, findHardCodedStrings, withoutAllowed } from '@/scripts/i18n/hard-coded-strings';

const texts = (source: string) => findHardCodedStrings('page.tsx', source).map(({ text }) => text);

describe('findHardCodedStrings', () => {
  it('flags English written as a JSX child, with where it is', () => {
    const found = findHardCodedStrings('page.tsx', 'export const Page = () => (\n  <p>Sign in</p>\n);\n');
    expect(found).toEqual([{ file: 'page.tsx', line: 2, column: 6, text: 'Sign in' }]);
    expect(describeHardCodedString(found[0]!)).toBe('page.tsx:2:6: "Sign in" is not from the catalogue');
  });

  it('does not flag text from the catalogue, symbols or numbers', () => {
    expect(
      texts(`export const Page = () => (
        <div>
          <p>{t('x')}</p>
          <span>·</span> <span>—</span> <span>→</span> | * 42&nbsp;%
          <p>{t('count', { count: 3 })} {user.name}</p>
        </div>
      );`),
    ).toEqual([]);
  });

  it('flags words in visible attributes but not keys, class names or ids', () => {
    expect(
      texts(`export const Page = () => (
        <form className="stack wide" id="login">
          <img alt="Company logo" src="/logo.png" />
          <input placeholder="you@example.com" name="email" aria-label={t('email')} />
          <nav aria-label={'Main menu'} />
          <button title={\`Remove \${name}\`} aria-description="Opens a dialog" />
          <Select label="Language" />
        </form>
      );`),
    ).toEqual(['Company logo', 'you@example.com', 'Main menu', 'Remove', 'Opens a dialog', 'Language']);
  });

  it('flags literal children chosen by a condition, and collapses whitespace as a browser does', () => {
    expect(
      texts(`export const Page = () => (
        <p>
          {ready ? 'Done' : t('waiting')}
          {error && <strong>Something
            went wrong</strong>}
        </p>
      );`),
    ).toEqual(['Done', 'Something went wrong']);
  });

  it('reads emails and other react-email components the same way', () => {
    expect(texts(`export const Mail = () => <Html lang="en"><Preview>Reset your password</Preview></Html>;`)).toEqual([
      'Reset your password',
    ]);
  });
});

describe('withoutAllowed', () => {
  it('lets an allowlisted string through and names entries nothing uses', () => {
    const found = findHardCodedStrings('layout.tsx', 'export const Logo = () => <b>Sésame</b>;');
    const allowlist = [
      { text: 'Sésame', reason: 'brand mark' },
      { text: 'Old brand', reason: 'gone' },
    ];
    expect(withoutAllowed(found, allowlist)).toEqual({ remaining: [], unused: [allowlist[1]] });
  });
});
