// Put first in every HTML page by the end-to-end tests' server (tests/e2e/serve.py): collects
// the page's errors, unhandled rejections, console errors and Content-Security-Policy
// violations into window.__gdvizProblems, which tests/e2e/driver.mjs reads in every engine
// (WebDriver classic, which drives WebKit, reports none of these itself).
(() => {
  const problems = (window.__gdvizProblems = []);
  addEventListener('error', (e) => problems.push(`pageerror: ${e.message}`));
  addEventListener('unhandledrejection', (e) => problems.push(`unhandledrejection: ${e.reason && e.reason.message || e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`csp: ${e.violatedDirective} blocked ${e.blockedURI}`));
  const error = console.error;
  console.error = function (...args) {
    problems.push(`console: ${args.map(String).join(' ')}`);
    return error.apply(this, args);
  };
})();
