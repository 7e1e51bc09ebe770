/** Headers between CloudFront and the API (infra/lib/origin-verify.ts sets them, the API reads them). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';
