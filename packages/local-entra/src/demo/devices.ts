import { platformOf } from './caEvaluation';
import type { Device } from './model';
import type { Random } from './random';

/** Laptops and phones people sign in from, with the user agents and compliance state the logs show. */

export type DeviceKind = 'windowsLaptop' | 'macLaptop' | 'iPhone' | 'androidPhone' | 'personalWindows' | 'linuxWorkstation';

interface DeviceSpec {
  operatingSystem: string;
  browser: string;
  userAgent: string;
}

const SPECS: Record<DeviceKind, DeviceSpec> = {
  windowsLaptop: {
    operatingSystem: 'Windows 10',
    browser: 'Edge 130.0.0',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  },
  personalWindows: {
    operatingSystem: 'Windows 10',
    browser: 'Chrome 130.0.0',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  },
  macLaptop: {
    operatingSystem: 'MacOs',
    browser: 'Safari 18.1',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  },
  iPhone: {
    operatingSystem: 'iOS 18.1',
    browser: 'Mobile Safari 18.1',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  },
  androidPhone: {
    operatingSystem: 'Android 15',
    browser: 'Chrome Mobile 130.0.0',
    userAgent: 'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  },
  linuxWorkstation: {
    operatingSystem: 'Linux',
    browser: 'Firefox 132.0',
    userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  },
};

export interface DeviceOptions {
  kind: DeviceKind;
  /** Registered with the tenant (Entra joined or registered) and managed by Intune. */
  managed: boolean;
  compliant: boolean;
  name?: string;
}

export function makeDevice(random: Random, options: DeviceOptions): Device {
  const spec = SPECS[options.kind];
  const registered = options.managed;
  const laptop = options.kind === 'windowsLaptop' || options.kind === 'macLaptop' || options.kind === 'linuxWorkstation';
  const defaultName = laptop ? `CONTOSO-LT-${random.int(1000, 9999)}` : options.kind === 'iPhone' ? 'iPhone' : 'Android';
  return {
    deviceId: registered ? random.guid() : '',
    displayName: registered ? (options.name ?? defaultName) : '',
    operatingSystem: spec.operatingSystem,
    browser: spec.browser,
    platform: platformOf(spec.operatingSystem),
    isCompliant: options.compliant,
    isManaged: options.managed,
    trustType: !registered ? '' : laptop ? 'Azure AD joined' : 'Azure AD registered',
    userAgent: spec.userAgent,
  };
}

/** The same device seen by a native client (Outlook, Teams): the logs show the client as "Rich Client". */
export function asRichClient(device: Device, client: string): Device {
  return { ...device, browser: 'Rich Client 4.66.0.0', userAgent: client };
}
