// Runs before the first paint (a classic script in <head>, allowed by the
// page's CSP as script-src 'self'): applies the theme the visitor chose with
// the toggle, if any. Without a saved choice the page follows the system's
// prefers-color-scheme through CSS alone.
try {
  const saved = localStorage.getItem('quietpage-demo-theme');
  if (saved === 'light' || saved === 'dark') document.documentElement.dataset.theme = saved;
} catch {
  // Storage can be unavailable (privacy settings); the system theme applies.
}
