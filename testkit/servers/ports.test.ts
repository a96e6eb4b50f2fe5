import { describe, expect, it } from 'vitest';
import { pasvPorts, portBaseFromEnv, portsFromBase, servicePorts } from './ports';

describe('ports', () => {
  it('derives every port from the base, keeping the well-known number visible', () => {
    const p = portsFromBase(20000);
    expect(p).toMatchObject({ imap: 20143, imaps: 20993, pop3: 20110, pop3s: 20995, lmtp: 20024, smtp: 20025, submission: 20587,
      submissions: 20465, ftp: 20021, ftpStrict: 20022, ftpsImplicit: 20990, telnet: 20023, http: 20080, https: 20443, pasvMin: 40000, pasvMax: 40049 });
    expect(new Set(servicePorts(p)).size).toBe(14);
    expect(pasvPorts(p)).toHaveLength(50);
  });

  it('matches the reference recipe at the default base', () => {
    expect(portsFromBase(10000)).toMatchObject({ imap: 10143, https: 10443, pasvMin: 30000, pasvMax: 30049 });
  });

  it('rejects bases whose passive range would leave the TCP port space', () => {
    expect(() => portsFromBase(45486)).not.toThrow();
    expect(() => portsFromBase(45487)).toThrow(/out of range/);
    expect(() => portsFromBase(80)).toThrow(/out of range/);
  });

  it('reads PORTHOLE_PORT_BASE strictly', () => {
    expect(portBaseFromEnv({})).toBe(10000);
    expect(portBaseFromEnv({ PORTHOLE_PORT_BASE: ' 21000 ' })).toBe(21000);
    expect(() => portBaseFromEnv({ PORTHOLE_PORT_BASE: '2e4' })).toThrow(/must be a number/);
  });
});
