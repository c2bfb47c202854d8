import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'");

/**
 * The hidden fields (the server action reference among them) of a POST form in a page: the
 * first one, or the first whose content includes `containing` (a button's words, say).
 */
export function hiddenFields(html: string, containing?: string): FormData {
  const forms = [...html.matchAll(/<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/g)].map((match) => match[1]!);
  const form = containing === undefined ? forms[0] : forms.find((candidate) => candidate.includes(containing));
  if (form === undefined) throw new Error(`no form in:\n${html.slice(0, 500)}`);
  const data = new FormData();
  for (const [input] of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) data.append(decode(name), decode(/value="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  return data;
}

/**
 * What a browser without JavaScript posts for the page's form: its hidden fields plus the
 * visible ones given.
 */
export async function formFields(baseURL: string, path: string, visible: Record<string, string>): Promise<FormData> {
  const data = hiddenFields(await (await fetch(`${baseURL}${path}`)).text());
  for (const [name, value] of Object.entries(visible)) data.set(name, value);
  return data;
}

/**
 * A raw HTTP request, so tests can send what a browser never would (Host, X-Forwarded-For,
 * broken bodies), optionally from one of this machine's other addresses.
 */
export async function sendRaw(
  baseURL: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string; localAddress?: string } = {},
): Promise<RawResponse> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path, method: init.method ?? 'GET', headers: init.headers, localAddress: init.localAddress },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

/** A form posted as a browser without JavaScript would, with any extra headers. */
export async function postRaw(
  baseURL: string,
  path: string,
  data: FormData,
  headers: Record<string, string> = {},
  options: { localAddress?: string } = {},
): Promise<RawResponse> {
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  return sendRaw(baseURL, path, {
    method: 'POST',
    body,
    localAddress: options.localAddress,
    headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length), ...headers },
  });
}

/** Both sign-in steps as a browser without JavaScript takes them; the password step's answer. */
export async function signInRaw(
  baseURL: string,
  credentials: { identifier: string; password: string },
  options: { headers?: Record<string, string>; localAddress?: string } = {},
): Promise<RawResponse> {
  const headers = { origin: baseURL, ...options.headers };
  const identifierStep = await postRaw(
    baseURL,
    '/en/login',
    await formFields(baseURL, '/en/login', { identifier: credentials.identifier }),
    headers,
    options,
  );
  const passwordStep = hiddenFields(identifierStep.body);
  passwordStep.set('password', credentials.password);
  return postRaw(baseURL, '/en/login', passwordStep, headers, options);
}

/** The sign-in form's error line, as shown (the page's scripts carry other words too). */
export function signInError(html: string): string {
  return /<p id="login-error"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
}
