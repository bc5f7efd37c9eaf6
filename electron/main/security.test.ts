import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createNavigationHandlers,
  isAllowedExternalUrl,
  isAllowedPermission,
  isAllowedRequestUrl,
  isAppPage,
} from './security.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

function fakeEvent(): { preventDefault(): void; prevented: boolean } {
  const event = {
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

describe('Content-Security-Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);
  it('denies by default and runs only the app bundle, without eval', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
  it('has no network: connect only to itself, images from itself and the workspace', () => {
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'weft://workspace', 'data:', 'blob:']);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
  it('allows no plugins, frames, base changes or form posts', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
  });
});

describe('external links', () => {
  it.each([
    ['https://github.com/weft/weft', true],
    ['https://huggingface.co/stabilityai/sd-turbo', true],
    ['https://docs.github.com/en', true],
    ['http://github.com/', false],
    ['https://evilgithub.com/', false],
    ['https://github.com.evil.example/', false],
    ['https://user:pass@github.com/', false],
    ['https://github.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('what the window may load', () => {
  it.each([
    ['weft://app/index.html', true],
    ['weft://workspace/outputs/a.png', true],
    ['data:image/png;base64,AAAA', true],
    ['blob:weft://app/1234', true],
    ['https://cdn.example/x.js', false],
    ['http://127.0.0.1:7860/', false],
    ['file:///home/me/.ssh/id_rsa', false],
    ['ws://127.0.0.1:7860/api/ws', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedRequestUrl(url)).toBe(allowed);
  });

  it('knows its own page from anything else', () => {
    expect(isAppPage('weft://app/index.html?graph=a.weft.json')).toBe(true);
    expect(isAppPage('weft://app/other.html')).toBe(false);
    expect(isAppPage('weft://workspace/index.html')).toBe(false);
    expect(isAppPage('https://app/index.html')).toBe(false);
  });
});

describe('navigation and new windows', () => {
  const opened: string[] = [];
  const handlers = createNavigationHandlers((url) => opened.push(url));

  it('denies navigating away, sending allowed links to the OS browser', () => {
    const away = fakeEvent();
    handlers.willNavigate(away, 'https://github.com/weft');
    expect(away.prevented).toBe(true);
    const evil = fakeEvent();
    handlers.willNavigate(evil, 'https://evil.example/phish');
    expect(evil.prevented).toBe(true);
    expect(opened).toEqual(['https://github.com/weft']);
  });

  it('lets the editor reload itself on another graph', () => {
    const self = fakeEvent();
    handlers.willNavigate(self, 'weft://app/index.html?graph=b.weft.json');
    expect(self.prevented).toBe(false);
  });

  it('denies every window.open, opening only allowed links outside', () => {
    opened.length = 0;
    expect(handlers.windowOpen({ url: 'https://huggingface.co/x' })).toEqual({ action: 'deny' });
    expect(handlers.windowOpen({ url: 'weft://app/index.html' })).toEqual({ action: 'deny' });
    expect(handlers.windowOpen({ url: 'http://huggingface.co/x' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://huggingface.co/x']);
  });

  it('denies redirects out of the app and every webview', () => {
    const redirect = fakeEvent();
    handlers.willRedirect(redirect, 'https://evil.example/');
    expect(redirect.prevented).toBe(true);
    const webview = fakeEvent();
    handlers.willAttachWebview(webview);
    expect(webview.prevented).toBe(true);
  });
});

describe('permissions', () => {
  it('grants clipboard writes only', () => {
    expect(isAllowedPermission('clipboard-sanitized-write')).toBe(true);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fileSystem',
    ]) {
      expect(isAllowedPermission(permission), permission).toBe(false);
    }
  });
});
