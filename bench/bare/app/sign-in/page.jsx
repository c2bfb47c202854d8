import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';

// A floor for a password sign-in in Next.js, posted without JavaScript as the bench posts
// Sésame's: a server action that checks the password against one argon2id hash made with the
// site's parameters (BENCH_PASSWORD_HASH), sets a random cookie and redirects. No account
// lookup, no session anything could check, no throttle: what the framework and argon2 alone
// allow, below what any real sign-in costs.
async function signIn(formData) {
  'use server';
  const password = formData.get('password');
  if (typeof password !== 'string' || !(await verify(process.env.BENCH_PASSWORD_HASH, password))) throw new Error('wrong password');
  (await cookies()).set('session', randomBytes(32).toString('base64url'), { httpOnly: true, sameSite: 'lax', path: '/' });
  redirect('/');
}

export default async function SignIn() {
  await connection();
  return (
    <main>
      <h1>Connexion</h1>
      <form action={signIn}>
        <label htmlFor="password">Mot de passe</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit">Se connecter</button>
      </form>
    </main>
  );
}
