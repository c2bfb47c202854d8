import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x27;/g, "'");

/**
 * What a browser without JavaScript posts for the page's form: its hidden fields (the server
 * action reference among them) plus the visible ones given.
 */
export async function formFields(baseURL: string, path: string, visible: Record<string, string>): Promise<FormData> {
  const html = await (await fetch(`${baseURL}${path}`)).text();
  const form = /<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!form) throw new Error(`no form on ${path}`);
  const data = new FormData();
  for (const [input] of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) data.append(decode(name), decode(/value="([^"]*)"/.exec(input)?.[1] ?? ''));
  }
  for (const [name, value] of Object.entries(visible)) data.set(name, value);
  return data;
}

/** A raw HTTP POST, so tests can send the headers a browser never would (Host, X-Forwarded-Host). */
export async function postRaw(baseURL: string, path: string, data: FormData, headers: Record<string, string> = {}): Promise<RawResponse> {
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length), ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
