// Relative asset URLs, so the built site works under any sub-path; nothing inlined as a data
// URL (the test page's Content-Security-Policy allows only its own origin).
export default {
  base: './',
  build: { assetsInlineLimit: 0 },
};
