// Put first in every HTML page by the end-to-end tests' server (tests/e2e/serve.py): collects
// the page's errors, unhandled rejections, console errors and Content-Security-Policy
// violations into window.__gdvizProblems, which tests/e2e/driver.mjs reads in every engine
// (WebDriver classic, which drives WebKit, reports none of these itself).
(() => {
  const problems = (window.__gdvizProblems = []);
  // Where each error was thrown (its first stack frames), for a failure's diagnosis
  // (tests/e2e/driver.mjs's Page.diagnose): kept apart, so a problem reads the same in every
  // engine.
  const stacks = (window.__gdvizErrorStacks = []);
  const where = (err, file, line) => {
    const stack = err && err.stack ? String(err.stack).split('\n').slice(0, 6).join(' < ') : '';
    if (stacks.length < 10) stacks.push(`${err && err.message || err} @ ${file ? `${file}:${line}` : '?'}${stack ? ` : ${stack}` : ''}`);
  };
  addEventListener('error', (e) => {
    problems.push(`pageerror: ${e.message}`);
    where(e.error, e.filename, e.lineno);
  });
  addEventListener('unhandledrejection', (e) => {
    problems.push(`unhandledrejection: ${e.reason && e.reason.message || e.reason}`);
    where(e.reason);
  });
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`csp: ${e.violatedDirective} blocked ${e.blockedURI}`));
  const error = console.error;
  console.error = function (...args) {
    problems.push(`console: ${args.map(String).join(' ')}`);
    return error.apply(this, args);
  };
})();
