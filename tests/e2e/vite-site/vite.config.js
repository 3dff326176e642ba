// Relative asset URLs, so the built site works under any sub-path; nothing inlined as a data
// URL (the test page's Content-Security-Policy allows only its own origin). Two pages: one
// with figures of two families (the module with every kind), one of the calculus family only.
import { fileURLToPath } from 'node:url';

export default {
  base: './',
  build: {
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        calculus: fileURLToPath(new URL('./calculus.html', import.meta.url)),
      },
    },
  },
};
