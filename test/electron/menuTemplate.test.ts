import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuCommand } from '../../electron/common/bridge.js';
import { menuTemplate, type MenuActions, type MenuItemSpec } from '../../electron/main/menuTemplate.js';
import { pushRecent, recentFromJson } from '../../electron/main/recentList.js';

function recorder() {
  const log: string[] = [];
  const actions: MenuActions = {
    send: (cmd: MenuCommand) => log.push(JSON.stringify(cmd)),
    chooseDataFile: () => log.push('chooseDataFile'),
    chooseWorkspace: () => log.push('chooseWorkspace'),
    openWorkspace: (p) => log.push(`openWorkspace ${p}`),
  };
  return { log, actions };
}

const item = (items: MenuItemSpec[], label: string): MenuItemSpec => {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `menu item ${label}`);
  return found;
};
const sub = (i: MenuItemSpec) => i.submenu as MenuItemSpec[];
const click = (i: MenuItemSpec) => i.click!();

test('File has Open/Save Workspace and recent workspaces that open through main', () => {
  const { log, actions } = recorder();
  const menu = menuTemplate(
    {
      platform: 'linux',
      isPackaged: true,
      recentFiles: ['/d/a.npy'],
      recentWorkspaces: ['/w/x.vecscope.json'],
    },
    actions,
  );
  const file = sub(item(menu, 'File'));
  click(item(file, 'Open Workspace…'));
  click(item(file, 'Save Workspace…'));
  const recentWs = sub(item(file, 'Open Recent Workspace'));
  assert.deepEqual(
    recentWs.map((i) => i.label),
    ['/w/x.vecscope.json'],
  );
  click(recentWs[0]!);
  click(sub(item(file, 'Open Recent'))[0]!);
  assert.deepEqual(log, [
    'chooseWorkspace',
    '{"type":"saveWorkspace"}',
    'openWorkspace /w/x.vecscope.json',
    '{"type":"open","path":"/d/a.npy"}',
  ]);
  assert.equal(item(file, 'Save Workspace…').accelerator, 'CmdOrCtrl+S');
  // A packaged app has no developer tools item; an empty recent list is one disabled line.
  const view = sub(item(menu, 'View'));
  assert.ok(!view.some((i) => i.role === 'toggleDevTools'));
  const empty = menuTemplate(
    { platform: 'linux', isPackaged: false, recentFiles: [], recentWorkspaces: [] },
    actions,
  );
  const none = sub(item(sub(item(empty, 'File')), 'Open Recent Workspace'));
  assert.deepEqual(
    none.map((i) => [i.label, i.enabled]),
    [['(none)', false]],
  );
  assert.ok(sub(item(empty, 'View')).some((i) => i.role === 'toggleDevTools'));
});

test('recent lists put the newest first, drop duplicates, keep ten, and survive bad JSON', () => {
  let list: string[] = [];
  for (let i = 0; i < 12; i++) list = pushRecent(list, `/f${i}`);
  assert.equal(list.length, 10);
  assert.equal(list[0], '/f11');
  list = pushRecent(list, '/f5');
  assert.deepEqual(list.slice(0, 2), ['/f5', '/f11']);
  assert.equal(new Set(list).size, list.length);
  assert.deepEqual(recentFromJson(['/a', 3, null, '/b']), ['/a', '/b']);
  assert.deepEqual(recentFromJson('nope'), []);
});
