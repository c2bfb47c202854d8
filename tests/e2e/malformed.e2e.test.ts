import { describe, expect, it } from 'vitest';
import { formFields, hiddenFields, postRaw, sendRaw, signInError, type RawResponse } from './raw-form';
import { sharedTargets } from './targets';

const target = sharedTargets()[0]!;

/** The action id a form of the page posts to, for requests made the way scripts make them. */
async function actionId(path: string): Promise<string> {
  const data = await formFields(target.baseURL, path, {});
  const [, reference] = [...data.entries()].find(([name]) => /^\$ACTION_\d+:0$/.test(name)) ?? [];
  return (JSON.parse(String(reference)) as { id: string }).id;
}

function page(response: RawResponse) {
  return {
    status: response.status,
    lang: /<html lang="([^"]+)"/.exec(response.body)?.[1],
    title: /<title>([^<]*)<\/title>/.exec(response.body)?.[1],
  };
}

const expected = {
  en: { tooLarge: 'That was too much to send', malformed: 'We could not read that request', crossOrigin: 'Request refused' },
  fr: { tooLarge: 'Envoi trop volumineux', malformed: 'Nous n’avons pas pu lire cette demande', crossOrigin: 'Demande refusée' },
} as const;

describe.each(['en', 'fr'] as const)('requests no form sends, in %s', (locale) => {
  const path = `/${locale}/forgot-password`;
  const origin = { origin: target.baseURL };
  const words = expected[locale];

  it('answers a body over 1 MB with 413 and a page in the language of the address', async () => {
    const response = await postRaw(target.baseURL, path, await formFields(target.baseURL, path, { identifier: 'x'.repeat(1_100_000) }), origin);
    expect(page(response)).toEqual({ status: 413, lang: locale, title: `${words.tooLarge} · Sésame` });
  });

  it('answers JSON, text and broken multipart posted to a server action with 400', async () => {
    const action = { ...origin, 'next-action': await actionId(path) };
    const bodies: Array<[string, string]> = [
      ['application/json', '[{},{}]'],
      ['text/plain;charset=UTF-8', '["$K1"]'],
      ['multipart/form-data; boundary=xx', '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
    ];
    for (const [type, body] of bodies) {
      for (const headers of [action, origin]) {
        const response = await sendRaw(target.baseURL, path, {
          method: 'POST',
          body,
          headers: { ...headers, 'content-type': type, 'content-length': String(Buffer.byteLength(body)) },
        });
        expect(page(response), `${type} ${JSON.stringify(headers)}`).toEqual({ status: 400, lang: locale, title: `${words.malformed} · Sésame` });
      }
    }
  });

  it('answers server-action arguments React cannot decode with 400, never a 500', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const shapes: Array<[string, Record<string, string | Blob>]> = [
      ['broken JSON', { '0': '{{' }],
      ['no part 0', { _1_locale: locale }],
      ['a missing part', { '0': '["$1"]' }],
      ['a blob of bad JSON', { '0': '["$B1"]', '1': '{' }],
      ['an iterator of bad JSON', { '0': '["$i1"]', '1': '[' }],
      ['a map of bad JSON', { '0': '["$Q1"]', '1': '{{' }],
      ['a path into the prototype', { '0': '["$1:constructor:constructor"]', '1': '{}' }],
      ['arguments nested 4,000 deep', { '0': nested(4000) }],
    ];
    for (const address of [path, `/${locale}/login`]) {
      const action = { ...origin, 'next-action': await actionId(address) };
      for (const [shape, parts] of shapes) {
        const data = new FormData();
        for (const [name, value] of Object.entries(parts)) data.append(name, value);
        const response = await postRaw(target.baseURL, address, data, action);
        expect(page(response), `${address}: ${shape}`).toEqual({ status: 400, lang: locale, title: `${words.malformed} · Sésame` });
      }
      // The same without JavaScript: the action named in the form, its bound state broken.
      const form = await formFields(target.baseURL, address, {});
      const bound = [...form.keys()].find((name) => /^\$ACTION_\d+:1$/.test(name))!;
      form.set(bound, '["$2:constructor"]');
      expect(page(await postRaw(target.baseURL, address, form, origin)), `${address}: no JavaScript`).toMatchObject({ status: 400, lang: locale });
    }
  });

  it('reads a well-formed post whose arguments are not a form as an empty form, never a 500', async () => {
    const data = new FormData();
    data.set('0', '[{},"not a form"]');
    const response = await postRaw(target.baseURL, path, data, { ...origin, 'next-action': await actionId(path) });
    expect(response.status).toBe(200);
    // The form's language travels in the form: without one, the answer is in the default language.
    expect(response.body).toContain('Enter your email address, username or phone number.');
  });

  it('answers a post from another site with 403', async () => {
    const data = await formFields(target.baseURL, path, { identifier: 'someone@example.com' });
    const response = await postRaw(target.baseURL, path, data, { origin: 'https://evil.example' });
    expect(page(response)).toEqual({ status: 403, lang: locale, title: `${words.crossOrigin} · Sésame` });
    expect(String(response.headers['set-cookie'])).not.toContain('sesame-recovery');
  });
});

describe.each([
  ['en', { required: 'Enter your email address, username or phone number.', password: 'Enter your password.', tooLong: 'That is longer than any password here can be (128 characters at most). Check what you typed or pasted.', invalid: 'That contains characters that an email address, username or phone number cannot have.' }],
  ['fr', { required: 'Saisissez votre adresse e-mail, votre nom d’utilisateur ou votre numéro de téléphone.', password: 'Saisissez votre mot de passe.', tooLong: 'C’est plus long que tout mot de passe possible ici (128 caractères au plus). Vérifiez ce que vous avez saisi ou collé.', invalid: 'Cela contient des caractères qu’une adresse e-mail, un nom d’utilisateur ou un numéro de téléphone ne peut pas contenir.' }],
] as const)('odd input in a sign-in form, in %s', (locale, words) => {
  const path = `/${locale}/login`;
  const origin = { origin: target.baseURL };

  async function passwordStep(password: string | Blob): Promise<RawResponse> {
    const identifierStep = await postRaw(target.baseURL, path, await formFields(target.baseURL, path, { identifier: 'someone@example.com' }), origin);
    const data = hiddenFields(identifierStep.body);
    data.set('password', password);
    return postRaw(target.baseURL, path, data, origin);
  }

  it('gives a file sent instead of text the field’s own error', async () => {
    const data = await formFields(target.baseURL, path, {});
    data.set('identifier', new Blob(['someone@example.com']), 'identifier.txt');
    const identifier = await postRaw(target.baseURL, path, data, origin);
    expect(identifier.status).toBe(200);
    expect(signInError(identifier.body)).toBe(words.required);
    const password = await passwordStep(new Blob(['a password']));
    expect(signInError(password.body)).toBe(words.password);
  });

  it('says a password of 5,000 characters is too long', async () => {
    const response = await passwordStep('p'.repeat(5_000));
    expect(response.status).toBe(200);
    expect(signInError(response.body)).toBe(words.tooLong);
  });

  it('refuses control characters in the identifier with a clear message, not "a problem on our side"', async () => {
    for (const identifier of ['someone\u0000@example.com', 'admin\u202E@example.com']) {
      const response = await postRaw(target.baseURL, path, await formFields(target.baseURL, path, { identifier }), origin);
      expect(response.status).toBe(200);
      expect(signInError(response.body)).toBe(words.invalid);
    }
  });
});
