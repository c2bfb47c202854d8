import { describe, expect, it } from 'vitest';
import { checkPassword } from '@/lib/passwords/password-policy';

describe('password policy', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(checkPassword('purple elephants dance quietly')).toEqual([]);
  });

  it('counts length in code points after NFKC, so emoji and accents count once', () => {
    expect(checkPassword('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toContain('tooShort');
    expect(checkPassword('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toEqual([]);
    expect(checkPassword('e\u0301'.repeat(12))).toEqual([]);
  });

  it('refuses more than 128 code points before looking any further', () => {
    expect(checkPassword('a'.repeat(129))).toEqual(['tooLong']);
    expect(checkPassword('correct horse '.repeat(9).slice(0, 128))).not.toContain('tooLong');
  });

  it('refuses passwords from the shipped list of common passwords, whatever their case', () => {
    expect(checkPassword('PASSWORD1234')).toContain('common');
    expect(checkPassword('qwertyuiop123')).toContain('common');
  });

  it('refuses passwords built on the person’s own email, username, phone or name', () => {
    const context = { email: 'camille.dubois@example.com', username: 'camille', phone: '+33612345678', name: 'Camille Dubois' };
    expect(checkPassword('Camille.Dubois-rocks-2026', context)).toContain('containsPersonalInfo');
    expect(checkPassword('my name is camille!!', context)).toContain('containsPersonalInfo');
    expect(checkPassword('call me on 33612345678', context)).toContain('containsPersonalInfo');
    expect(checkPassword('purple elephants dance quietly', context)).toEqual([]);
  });

  it('refuses characters no keyboard types: control characters, text-direction controls and the mark of a broken encoding', () => {
    for (const password of ['purple elephants\u0000dance', 'purple elephants\u202Eecnad', 'purple elephants\uFFFDdance', 'purple\telephants dance']) {
      expect(checkPassword(password), JSON.stringify(password)).toEqual(['unsafeCharacters']);
    }
  });

  it('refuses the site name, with or without its accent', () => {
    expect(checkPassword('open sesame please now')).toContain('containsSiteName');
    expect(checkPassword('OPEN SÉSAME PLEASE NOW')).toContain('containsSiteName');
  });
});
