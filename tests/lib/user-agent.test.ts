import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '@/lib/user-agent';

describe('describeUserAgent', () => {
  it('names the browser and system people recognise', () => {
    expect(
      describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'),
    ).toEqual({ browser: 'Edge', os: 'Windows' });
    expect(
      describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'),
    ).toEqual({ browser: 'Mobile Safari', os: 'iOS' });
    expect(describeUserAgent('Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0')).toEqual({ browser: 'Firefox', os: 'Android' });
  });

  it('says nothing rather than guess', () => {
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent('curl/8.5.0')).toBeNull();
  });
});
