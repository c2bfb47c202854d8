// Turbopack, whose root is the repository's (for its node_modules), would otherwise take the
// site's instrumentation.ts for this app's: this one does nothing.
export function register() {}
