/** A browser's cookie jar and redirect handling over real HTTP, enough to sign in through the simulated CIS2 (tests, bench). */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];

  /** `origin`: the viewer's; `dispatcher`: an undici Agent trusting a test CA, for an https identity provider. */
  constructor(
    private readonly origin: string,
    private readonly dispatcher?: unknown,
  ) {}

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(url, this.origin), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    } as RequestInit);
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      if (value.join('=') === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
    return response;
  }

  /** Follows redirects from `url` until an answer that is not one, or until `stop` says so. */
  async follow(url: string, stop: (location: URL) => boolean = () => false): Promise<{ response: Response; url: URL }> {
    let current = new URL(url, this.origin);
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.get(current.href);
      const location = response.headers.get('Location');
      if (!location) return { response, url: current };
      current = new URL(location, current);
      if (stop(current)) return { response, url: current };
    }
    throw new Error('too many redirects');
  }

  /** Starts a sign-in and arrives at the simulated CIS2's login page; returns its form's action. */
  async toLoginPage(returnTo = '/'): Promise<{ authorize: URL; action: string; page: string }> {
    let authorize: URL | undefined;
    const { response } = await this.follow(`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`, (l) => {
      if (l.pathname.endsWith('/auth')) authorize = l;
      return false;
    });
    const page = await response.text();
    return { authorize: authorize!, action: page.match(/<form method="post" action="([^"]+\/login)"/)![1], page };
  }

  /** Signs in as a test user of the simulated CIS2; returns the session cookie (name=value). */
  async signIn(user: string, returnTo = '/'): Promise<string> {
    const { action } = await this.toLoginPage(returnTo);
    const posted = await this.get(action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `user=${encodeURIComponent(user)}` });
    await this.follow(posted.headers.get('Location')!);
    const session = [...this.cookies].find(([name]) => name.endsWith('gpcv_session'));
    if (!session) throw new Error(`sign-in as ${user} made no session`);
    return `${session[0]}=${session[1]}`;
  }
}