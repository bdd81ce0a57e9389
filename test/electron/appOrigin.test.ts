import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_INDEX_URL, APP_ORIGIN, isAppPage, isAppUrl } from '../../electron/common/appOrigin.js';
import { isAllowedRequest } from '../../electron/main/requestPolicy.js';

test('the app origin is app://vecscope and the page is its index.html', () => {
  assert.equal(APP_ORIGIN, 'app://vecscope');
  assert.equal(APP_INDEX_URL, 'app://vecscope/index.html');
  assert.ok(isAppUrl(APP_INDEX_URL));
  assert.ok(isAppPage(APP_INDEX_URL));
});

test('isAppUrl accepts only the app scheme and host, without credentials or port', () => {
  for (const ok of ['app://vecscope/index.html', 'app://vecscope/assets/index-abc.js', 'app://vecscope/']) {
    assert.ok(isAppUrl(ok), ok);
  }
  for (const bad of [
    'file:///etc/passwd',
    'file:///work/renderer/dist/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://vecscope/0b7e7b4a',
    'https://vecscope/index.html',
    'http://127.0.0.1/index.html',
    'app://evil/index.html',
    'app://vecscope.evil/index.html',
    'app://evil.vecscope/index.html',
    'app://vecscope:8080/index.html',
    'app://user@vecscope/index.html',
    'app://user:pw@vecscope/index.html',
    'app:vecscope/index.html',
    'app:///index.html',
    'APP-X://vecscope/index.html',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ]) {
    assert.ok(!isAppUrl(bad), bad);
  }
});

test('isAppPage is the index document only, whatever the query or fragment', () => {
  assert.ok(isAppPage('app://vecscope/index.html#x'));
  assert.ok(isAppPage('app://vecscope/index.html?a=1'));
  // The parser folds dot segments, so this is the same document.
  assert.ok(isAppPage('app://vecscope/assets/../index.html'));
  for (const bad of [
    'app://vecscope/',
    'app://vecscope/assets/index.js',
    'app://vecscope/index.html/',
    'app://evil/index.html',
    'file:///index.html',
    'javascript:location="app://vecscope/index.html"',
  ]) {
    assert.ok(!isAppPage(bad), bad);
  }
});

test('the session lets through the app origin, inline data and its own blobs only', () => {
  const packaged = { devtools: false };
  assert.ok(isAllowedRequest('app://vecscope/assets/index.js', packaged));
  assert.ok(isAllowedRequest('data:image/png;base64,AAAA', packaged));
  assert.ok(isAllowedRequest('blob:app://vecscope/6c1b0f0e-8a5e-4f1e-9a7e-2d3c4b5a6f70', packaged));
  for (const bad of [
    'file:///etc/passwd',
    'file://host/share/x',
    'https://example.com/x.js',
    'http://127.0.0.1:8080/',
    'ws://127.0.0.1:8080/',
    'blob:https://example.com/6c1b0f0e',
    'blob:app://vecscopex/6c1b0f0e',
    'app://evil/index.html',
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
  ]) {
    assert.ok(!isAllowedRequest(bad, packaged), bad);
  }
  assert.ok(isAllowedRequest('devtools://devtools/bundled/inspector.html', { devtools: true }));
  assert.ok(!isAllowedRequest('file:///etc/passwd', { devtools: true }));
});
