/** A browser's cookie jar and redirect handling over real HTTP, enough to sign in through the simulated CIS2 (tests, bench). */
export class Browser {
  /** Cookies by name and path, as a browser keeps them (the same name may be set for several paths). */
  private readonly jar = new Map<string, { name: string; value: string; path: string }>();
  readonly setCookies: string[] = [];

  /** `origin`: the viewer's; `dispatcher`: an undici Agent trusting a test CA, for an https identity provider. */
  constructor(
    private readonly origin: string,
    private readonly dispatcher?: unknown,
  ) {}

  /** The cookies a request to this path carries, longest path first. */
  private cookieHeader(path: string): string {
    return [...this.jar.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** A cookie this browser holds, by name (the one with the longest path). */
  cookie(name: string): string | undefined {
    return [...this.jar.values()].filter((c) => c.name === name).sort((a, b) => b.path.length - a.path.length)[0]?.value;
  }

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.origin);
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: this.cookieHeader(target.pathname) },
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    } as RequestInit);
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair, ...attributes] = header.split(';').map((p) => p.trim());
      const [name, ...value] = pair.split('=');
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const gone = value.join('=') === '' || attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      if (gone) this.jar.delete(`${name}|${path}`);
      else this.jar.set(`${name}|${path}`, { name, value: value.join('='), path });
    }
    return response;
  }

  /**
   * Follows redirects from `url` until an answer that is not one, or until `stop` says so. A page
   * that submits its own form on load (an OpenID provider's form_post) is submitted, as a browser's script would.
   */
  async follow(url: string, stop: (location: URL) => boolean = () => false): Promise<{ response: Response; url: URL }> {
    let current = new URL(url, this.origin);
    let init: RequestInit = {};
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.get(current.href, init);
      init = {};
      const location = response.headers.get('Location');
      if (!location) {
        const page = response.headers.get('Content-Type')?.includes('html') ? await response.clone().text() : '';
        const form = page.includes('document.forms[0].submit()') ? page.match(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/) : null;
        if (!form) return { response, url: current };
        const fields = new URLSearchParams([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]));
        current = new URL(form[1].replace(/&amp;/g, '&'), current);
        init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: fields.toString() };
        continue;
      }
      current = new URL(location, current);
      if (stop(current)) return { response, url: current };
    }
    throw new Error('too many redirects');
  }

  /** Starts a sign-in and arrives at the simulated CIS2's login page; returns its form's action. */
  async toLoginPage(returnTo = '/'): Promise<{ authorize: URL; action: string; page: string }> {
    let authorize: URL | undefined;
    const { response, url } = await this.follow(`/api/auth/login?returnTo=${encodeURIComponent(returnTo)}`, (l) => {
      if (l.pathname.endsWith('/auth')) authorize = l;
      return false;
    });
    const page = await response.text();
    // The form posts to the provider, which need not be on the viewer's origin.
    return { authorize: authorize!, action: new URL(page.match(/<form method="post" action="([^"]+\/login)"/)![1], url).href, page };
  }

  /** Signs in as a test user of the simulated CIS2; returns the session cookie (name=value). */
  async signIn(user: string, returnTo = '/'): Promise<string> {
    const { action } = await this.toLoginPage(returnTo);
    const posted = await this.get(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `user=${encodeURIComponent(user)}`,
    });
    if (!posted.headers.get('Location')) throw new Error(`sign-in as ${user}: the login page answered HTTP ${posted.status}`);
    const { url } = await this.follow(posted.headers.get('Location')!);
    const name = this.cookie('__Host-gpcv_session') ? '__Host-gpcv_session' : 'gpcv_session';
    const session = this.cookie(name);
    if (!session) throw new Error(`sign-in as ${user} made no session (ended at ${url.pathname}${url.search})`);
    return `${name}=${session}`;
  }
}
