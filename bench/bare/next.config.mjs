import path from 'node:path';

// The bare page the bench compares Sésame with: the same `next` (the root's node_modules), the
// same production build, nothing of Sésame's.
/** @type {import('next').NextConfig} */
const nextConfig = {
  turbopack: { root: path.resolve(import.meta.dirname, '../..') },
};

export default nextConfig;
