import { formFields, hiddenFields, postRaw } from '@/tests/e2e/raw-form';

/** A form as a request body and its content type, ready to be posted again and again. */
export async function encoded(data: FormData) {
  const response = new Response(data);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

/** The password step of the sign-in form for each address, as a browser without JavaScript posts it. */
export async function passwordPosts(baseURL: string, emails: string[], password: string) {
  return Promise.all(
    emails.map(async (email) => {
      const first = await postRaw(baseURL, '/fr/login', await formFields(baseURL, '/fr/login', { identifier: email }), { origin: baseURL });
      const form = hiddenFields(first.body);
      form.set('password', password);
      return encoded(form);
    }),
  );
}

/** The forgot-password form for each address. */
export async function forgotPasswordPosts(baseURL: string, emails: string[]) {
  return Promise.all(emails.map(async (email) => encoded(await formFields(baseURL, '/fr/forgot-password', { identifier: email }))));
}
