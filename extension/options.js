// Options: the optional permissions (article marks in the toolbar; the images
// of file:// pages), a reset of the reader's settings, and forgetting the
// stored articles.
import { clearRecords } from './store.js';

const api = globalThis.browser ?? globalThis.chrome;

const SETTINGS_KEY = 'readerSettings';
const PERMISSIONS = {
  origins: { origins: ['http://*/*', 'https://*/*'] },
  pageCapture: { permissions: ['pageCapture'] },
};

const boxes = [...document.querySelectorAll('[data-permission]')];
const buttonsStatus = document.getElementById('buttons-status');

async function refresh() {
  for (const box of boxes) box.checked = await api.permissions.contains(PERMISSIONS[box.dataset.permission]).catch(() => false);
}

for (const box of boxes) {
  const status = box.closest('section').querySelector('.status');
  // Firefox has no pageCapture: the option is not offered there.
  if (box.dataset.permission === 'pageCapture' && !api.pageCapture) box.closest('section').hidden = true;
  box.addEventListener('change', async () => {
    status.textContent = '';
    const wanted = PERMISSIONS[box.dataset.permission];
    try {
      // Requested from the click itself: browsers ask only during a user gesture.
      const granted = box.checked ? await api.permissions.request(wanted) : !(await api.permissions.remove(wanted));
      if (box.checked && !granted) status.textContent = 'Permission was not granted.';
    } catch (error) {
      status.textContent = `Could not change the permission: ${error?.message ?? error}`;
    }
    await refresh();
  });
}

document.getElementById('reset-settings').addEventListener('click', async () => {
  await api.storage.local.remove(SETTINGS_KEY);
  buttonsStatus.textContent = 'Text settings reset.';
});

document.getElementById('forget-articles').addEventListener('click', async () => {
  await clearRecords();
  await api.runtime.sendMessage({ type: 'quietpage:forget' }).catch(() => {});
  buttonsStatus.textContent = 'Stored articles forgotten.';
});

api.permissions.onAdded?.addListener(refresh);
api.permissions.onRemoved?.addListener(refresh);
refresh();
