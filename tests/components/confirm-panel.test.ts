import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmPanel } from '@/components/confirm-panel';

// A plain function of its props (no hooks), so the test calls it as the page's JSX would.
const render = (props: { id?: string; heading?: 'h2' | 'h3' } = {}) =>
  renderToStaticMarkup(
    ConfirmPanel({
      id: 'confirm-title',
      title: 'Supprimer la clé ?',
      action: '/fr/admin/users/42',
      fields: { locale: 'fr', userId: '42', keyId: 'k"1<' },
      submit: 'Supprimer',
      cancel: { href: '/fr/admin/users/42', label: 'Annuler' },
      children: createElement('p', null, 'La clé « CI » ne marchera plus.'),
      ...props,
    }),
  );

describe('a confirmation step', () => {
  it('posts the record it is about, with the page’s language, from a button, and offers a way back', () => {
    const html = render();
    const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'));
    expect([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map(([, name, value]) => [name, value])).toEqual([
      ['locale', 'fr'],
      ['userId', '42'],
      ['keyId', 'k&quot;1&lt;'],
    ]);
    expect(form).toMatch(/^<form class="actions" action="\/fr\/admin\/users\/42">/);
    expect(form).toContain('<button type="submit">Supprimer</button>');
    expect(form).toContain('<a href="/fr/admin/users/42">Annuler</a>');
    expect(html).toContain('<p>La clé « CI » ne marchera plus.</p>');
  });

  it('is a region named by its heading, at the level the page gives it', () => {
    expect(render()).toMatch(/^<section aria-labelledby="confirm-title" class="stack confirm"><h2 id="confirm-title">Supprimer la clé \?<\/h2>/);
    expect(render({ heading: 'h3', id: 'key-confirm' })).toMatch(/^<section aria-labelledby="key-confirm" [^>]*><h3 id="key-confirm">/);
  });
});
