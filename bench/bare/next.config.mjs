import path from 'node:path';

// The bare page the bench compares Sésame with: the same `next` (the root's node_modules), the
// same production build, nothing of Sésame's.
/** @type {import('next').NextConfig} */
const nextConfig = {
  turbopack: { root: path.resolve(import.meta.dirname, '../..') },
  // As in the site's own config: the native argon2 module is loaded by Node, not bundled.
  serverExternalPackages: ['@node-rs/argon2'],
};

export default nextConfig;
