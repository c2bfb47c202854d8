import { describe, expect, it } from 'vitest';
import { checkFormBody, checkPostHeaders, MAX_FORM_BYTES } from '@/lib/http/request-guard';

const form = (headers: Record<string, string>) =>
  new Headers({ host: 'id.example.com', 'content-type': 'multipart/form-data; boundary=x', 'content-length': '120', ...headers });

describe('what a page accepts as a POST', () => {
  it('takes a form from the site itself, with or without an Origin header', () => {
    expect(checkPostHeaders(form({ origin: 'https://id.example.com' }))).toBeNull();
    expect(checkPostHeaders(form({ 'content-type': 'application/x-www-form-urlencoded' }))).toBeNull();
  });

  it('refuses another site, and an origin it cannot read', () => {
    expect(checkPostHeaders(form({ origin: 'https://evil.example' }))).toBe('crossOrigin');
    expect(checkPostHeaders(form({ origin: 'null' }))).toBe('crossOrigin');
    expect(checkPostHeaders(form({ origin: 'not a url' }))).toBe('crossOrigin');
  });

  it('refuses bodies that are not forms, too large, or of unknown length', () => {
    expect(checkPostHeaders(form({ 'content-type': 'application/json' }))).toBe('malformed');
    expect(checkPostHeaders(form({ 'content-type': 'text/plain;charset=UTF-8' }))).toBe('malformed');
    expect(checkPostHeaders(form({ 'content-length': String(MAX_FORM_BYTES + 1) }))).toBe('tooLarge');
    expect(checkPostHeaders(form({ 'content-length': '12abc' }))).toBe('malformed');
    const chunked = form({ 'transfer-encoding': 'chunked' });
    chunked.delete('content-length');
    expect(checkPostHeaders(chunked)).toBe('lengthRequired');
    const empty = form({});
    empty.delete('content-length');
    expect(checkPostHeaders(empty)).toBe('malformed');
    // Another site is told so first, whatever else is wrong with its post.
    const crossChunked = form({ origin: 'https://evil.example', 'transfer-encoding': 'chunked' });
    crossChunked.delete('content-length');
    expect(checkPostHeaders(crossChunked)).toBe('crossOrigin');
  });

  it('refuses a multipart body the form parser cannot read', async () => {
    const post = (body: string) =>
      new Request('https://id.example.com/en/login', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xx' },
        body,
      });
    expect(await checkFormBody(post('--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'))).toBe('malformed');
    expect(await checkFormBody(post('--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xx--\r\n'))).toBeNull();
  });
});
