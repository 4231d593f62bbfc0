// Options: the optional host permissions that let the toolbar icon mark
// article pages as they load, and a reset of the reader view's settings.
const api = globalThis.browser ?? globalThis.chrome;

const ORIGINS = { origins: ['http://*/*', 'https://*/*'] };
const SETTINGS_KEY = 'readerSettings';

const checkbox = document.getElementById('auto-detect');
const status = document.getElementById('auto-detect-status');
const reset = document.getElementById('reset-settings');
const resetStatus = document.getElementById('reset-status');

async function refresh() {
  checkbox.checked = await api.permissions.contains(ORIGINS);
}

checkbox.addEventListener('change', async () => {
  status.textContent = '';
  try {
    // Requested from the click itself: browsers ask only during a user gesture.
    const granted = checkbox.checked ? await api.permissions.request(ORIGINS) : !(await api.permissions.remove(ORIGINS));
    if (checkbox.checked && !granted) status.textContent = 'Permission was not granted; pages are marked after you use the reader view.';
  } catch (error) {
    status.textContent = `Could not change the permission: ${error?.message ?? error}`;
  }
  await refresh();
});

reset.addEventListener('click', async () => {
  await api.storage.local.remove(SETTINGS_KEY);
  resetStatus.textContent = 'Text settings reset.';
});

api.permissions.onAdded?.addListener(refresh);
api.permissions.onRemoved?.addListener(refresh);
refresh();
