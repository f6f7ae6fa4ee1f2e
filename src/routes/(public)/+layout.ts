// Public pages are rendered on the server and need no JavaScript: their filters are GET forms.
export const csr = false;
