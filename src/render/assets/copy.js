// Copy buttons of example figures: copy the code as run (from the figure's <template>) and say "Copied".
// Plain script, loaded with `defer`; it makes no requests. Without it the page still reads fine.
'use strict';

for (const tools of document.querySelectorAll('.example .copy[hidden]')) {
  const source = tools.closest('.example')?.querySelector(':scope > template.copy-text');
  const button = tools.querySelector('button');
  const status = tools.querySelector('.copy-status');
  if (!source || !button || !status) continue;
  let timer;
  button.addEventListener('click', async () => {
    const copied = await copyText(source.content.textContent);
    status.textContent = copied ? 'Copied' : 'Copy failed';
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ''; }, 2000);
  });
  tools.hidden = false;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithSelection(text);
  }
}

// The async clipboard API exists only in secure contexts; a site served over plain http falls back
// to the older selection-and-execCommand route.
function copyWithSelection(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

// A link to a support file's figure (`#example-8`) must open the collapsed panel holding it; Chromium
// does this by itself on fragment navigation, other browsers may not.
function revealTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  let panel = id ? document.getElementById(id)?.closest('details:not([open])') : null;
  while (panel) {
    panel.open = true;
    panel = panel.parentElement?.closest('details:not([open])');
  }
}
addEventListener('hashchange', revealTarget);
revealTarget();
