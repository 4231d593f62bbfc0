// The toolbar button's look for one tab: used by the background (article
// found or not, page not readable) and by the reader page (reading).
const api = globalThis.browser ?? globalThis.chrome;

const TITLE = 'Reader view (Alt+Shift+R)';
const ICON_SIZES = [16, 32, 48, 128];
const iconPaths = (name) => Object.fromEntries(ICON_SIZES.map((size) => [size, `/icons/${name}-${size}.png`]));

export const TAB_STATES = {
  article: { icon: iconPaths('icon-active'), title: 'Reader view: this page is an article (Alt+Shift+R)', badge: '' },
  none: { icon: iconPaths('icon'), title: 'Reader view: no article found on this page', badge: '' },
  unavailable: { icon: iconPaths('icon'), title: 'Reader view is not available on this page', badge: '×' },
  reading: { icon: iconPaths('icon-active'), title: 'Close the reader view (Alt+Shift+R)', badge: '' },
  reset: { icon: iconPaths('icon'), title: TITLE, badge: '' },
};

/** Marks a tab's toolbar button; errors (tab closed meanwhile) are ignored. */
export async function markTab(tabId, state) {
  const { icon, title, badge } = TAB_STATES[state];
  await Promise.all([
    api.action.setIcon({ tabId, path: icon }),
    api.action.setTitle({ tabId, title }),
    api.action.setBadgeText({ tabId, text: badge }),
  ]).catch(() => {});
}
