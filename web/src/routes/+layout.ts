// A single-page app: the Hono server (and CloudFront) serve index.html for every unknown path, and
// all data comes from /api in the browser. Nothing is rendered or prerendered at build time.
export const ssr = false;
export const prerender = false;
