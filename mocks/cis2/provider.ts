/**
 * The simulated NHS CIS2: a real OpenID Connect provider (oidc-provider) with the test users of
 * ./users.ts. Authorization code with PKCE only; its login page lists the users for one-click
 * sign-in and asks every time (no single sign-on between test users). Mounted beside the app in
 * mock mode (src/server/node.ts); never in live mode.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { SIMULATED_CIS2 } from '../config';
import { TEST_USERS } from './users';

export const CIS2_SCOPES = ['openid', 'profile', 'nationalrbacaccess', 'associatedorgs', 'selectedrole'];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Simulated NHS CIS2</title>
<style>
body{font-family:Arial,sans-serif;background:#f0f4f5;color:#212b32;margin:0}
header{background:#005eb8;color:#fff;padding:16px 24px}header strong{font-size:1.25rem}
main{max-width:720px;margin:24px auto;padding:0 16px}
.tag{background:#ffdc8e;color:#212b32;font-weight:700;padding:2px 8px;margin-left:12px}
ul{list-style:none;padding:0}li{margin:0 0 12px}
button{font:inherit;font-weight:700;background:#007f3b;color:#fff;border:0;box-shadow:0 4px 0 #00401e;padding:12px 16px;cursor:pointer;width:100%;text-align:left}
button:focus{outline:4px solid #ffeb3b;background:#ffeb3b;color:#212b32;box-shadow:0 4px 0 #212b32}
button span{display:block;font-weight:400;margin-top:4px}
.cancel{background:#4c6272;box-shadow:0 4px 0 #263139}
</style></head>
<body><header><strong>NHS Care Identity Service 2</strong><span class="tag">Simulated</span></header><main>${body}</main></body></html>`;
}

function loginPage(uid: string, clientName: string): string {
  const action = `${SIMULATED_CIS2.path}/interaction/${encodeURIComponent(uid)}`;
  const users = TEST_USERS.map(
    (u) =>
      `<li><button type="submit" name="user" value="${escapeHtml(u.id)}" data-user="${escapeHtml(u.id)}">${escapeHtml(u.claims.name)}<span>${escapeHtml(u.summary)}</span></button></li>`,
  ).join('');
  return page(
    'Sign in',
    `<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p>This is a simulated identity provider with test users only: no smartcard is needed. Choose who to sign in as.</p>
<form method="post" action="${action}/login"><ul>${users}</ul></form>
<form method="post" action="${action}/cancel"><button type="submit" class="cancel">Cancel</button></form>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) break;
  }
  return new URLSearchParams(text);
}

export interface SimulatedCis2 {
  /** A Node request handler for paths under SIMULATED_CIS2.path (req.url still carries the prefix). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  issuer: string;
}

/**
 * `origin`: where the provider is served (its issuer is origin + SIMULATED_CIS2.path); `appUrls`:
 * where the viewer is reached from browsers (each gets {appUrl}/api/auth/callback as a redirect URI).
 */
export function createSimulatedCis2(origin: string, appUrls: string[] = [origin]): SimulatedCis2 {
  const issuer = `${origin}${SIMULATED_CIS2.path}`;
  const publicUrl = appUrls[0];
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const policy = interactionPolicy.base();
  // Ask who signs in on every authorization (one browser, many test users), but not again on the
  // way back from the login page itself.
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check('simulated_cis2_every_time', 'the simulated CIS2 asks who is signing in every time', (ctx: KoaContextWithOIDC) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SIMULATED_CIS2.clientId,
        client_secret: SIMULATED_CIS2.clientSecret,
        client_name: 'GP Connect Viewer',
        redirect_uris: appUrls.map((url) => `${url}/api/auth/callback`),
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: CIS2_SCOPES,
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'uid'],
      nationalrbacaccess: ['nhsid_useruid', 'nhsid_nrbac_roles'],
      associatedorgs: ['nhsid_user_orgs'],
      selectedrole: ['selected_roleid'],
    },
    // CIS2 puts its claims in the ID token as well as at userinfo.
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      const user = TEST_USERS.find((u) => u.id === id);
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...user.claims }) };
    },
    // The viewer is a first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope(CIS2_SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    interactions: { policy, url: (_ctx, interaction) => `${SIMULATED_CIS2.path}/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    cookies: { keys: ['simulated-cis2-cookies-are-not-secret'] },
    jwks: { keys: [{ ...(privateKey.export({ format: 'jwk' }) as object), kid: 'simulated-cis2', use: 'sig', alg: 'RS256' }] },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in problem',
        `<h1>Sign-in problem</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p><p><a href="${escapeHtml(publicUrl)}/">Back to GP Connect Viewer</a></p>`,
      );
    },
  });

  provider.use(async (ctx, next) => {
    const match = ctx.path.match(/^\/interaction\/([\w-]+)(\/login|\/cancel)?$/);
    if (!match) return next();
    const [, uid, step] = match;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) ctx.throw(400, 'This sign-in has expired. Start again from GP Connect Viewer.');
    if (ctx.method === 'GET' && !step) {
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = loginPage(uid, 'GP Connect Viewer');
      return;
    }
    if (ctx.method !== 'POST') return next();
    ctx.respond = false;
    if (step === '/cancel') {
      await provider.interactionFinished(
        ctx.req,
        ctx.res,
        { error: 'access_denied', error_description: 'Sign-in was cancelled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const userId = (await formBody(ctx.req)).get('user');
    const chosen = TEST_USERS.find((u) => u.id === userId);
    if (!chosen) {
      ctx.respond = true;
      ctx.throw(400, 'Choose one of the test users.');
      return;
    }
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: chosen.id } }, { mergeWithLastSubmission: false });
  });

  const callback = provider.callback();
  return {
    issuer,
    handle(req, res) {
      // Mounted under a path: the provider reads its mount point from originalUrl (as with Express).
      const mounted = req as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = req.url;
      req.url = req.url!.slice(SIMULATED_CIS2.path.length) || '/';
      void callback(req, res);
    },
  };
}
