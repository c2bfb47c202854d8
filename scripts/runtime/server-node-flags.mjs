/**
 * Node's flags for the server (dist/server.mjs), wherever it runs: `npm start`, the image's CMD
 * (the Dockerfile writes them out; tests/scripts/server-node-flags.test.ts holds the two equal),
 * and the tests and the bench that start the built site (tests/e2e/site.ts).
 *
 * A young generation of 64 MiB rather than Node's 16: each request leaves short-lived garbage
 * (a sign-in, its request and response objects, rows, cookies and log line), and a small nursery
 * is collected so often that it promotes some of it to the old generation, whose collection
 * costs more. Side by side under the bench's sign-in load, the same build signed in 5 % more
 * people a second with it, for about 80 MiB more resident memory at the peak (README, Performance).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
