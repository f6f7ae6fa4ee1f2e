// Respondent pages are rendered on the server and work as plain HTML forms; the little they gain
// from JavaScript comes from one small script (src/lib/respondent/client.js), not from hydration.
export const csr = false;
